//! The releases crate's tests, one binary: generated/ is fresh, regen reports every failure
//! of a drop at once, and the diff's verdicts on edited copies of the TAT drop.

mod generated_is_fresh;
mod regen_reports_every_failure;
mod verdicts_on_tat;
