//! State any service's behaviour can keep: records of one resource kind in the shape the
//! Data Types page documents ([`table`]), maps of its own beside them ([`tracked`]), ids and
//! timestamps shaped like the service's, `Describe*` listings over them with the filters
//! each service declares ([`listing`]), and the database that keeps them across restarts
//! ([`durable`]).

pub mod durable;
pub mod listing;
pub mod table;
pub mod tracked;
pub mod unique;
