//! Dense, typed indices used on the hot path.
//!
//! Strings (the ids people write) live only in lookup tables of [`Instance`](crate::Instance);
//! everything the search touches is a small integer wrapped in a type, so an employee index can
//! never be passed where a shift index is expected.

macro_rules! dense_id {
    ($(#[$doc:meta])* $name:ident($int:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $int);

        impl $name {
            /// The index as a `usize`, for indexing vectors.
            #[inline]
            pub fn idx(self) -> usize {
                self.0 as usize
            }
        }
    };
}

dense_id!(
    /// Index of an employee in [`Instance::employees`](crate::Instance).
    EmployeeId(u16)
);
dense_id!(
    /// Index of a shift type (pass) in [`Instance::shifts`](crate::Instance).
    ShiftId(u16)
);
dense_id!(
    /// Index of a skill in [`Instance::skills`](crate::Instance).
    SkillId(u16)
);
dense_id!(
    /// Index of a site (workplace) in [`Instance::sites`](crate::Instance).
    SiteId(u16)
);
dense_id!(
    /// Index of a municipality (employer and payer) in [`Instance::municipalities`](crate::Instance).
    MunicipalityId(u16)
);
dense_id!(
    /// Index of a task: a shift type worked in one skill. Demand is stated per task.
    TaskId(u16)
);
