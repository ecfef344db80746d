//! State any service's behaviour can keep: records of one resource kind in the shape the
//! Data Types page documents ([`table`]), ids and timestamps shaped like the service's, and
//! `Describe*` listings over them with the filters each service declares ([`listing`]).

pub mod listing;
pub mod table;
