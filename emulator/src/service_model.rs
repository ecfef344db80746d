//! The service the emulator serves: the IR of a doc-drop directory, with lookups.

use doc_model::ir::{Action, Service, StructType};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct ServiceModel {
    pub service: Service,
    actions: HashMap<String, usize>,
    types: HashMap<String, usize>,
}

/// The doc drops of a directory do not define a service.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the doc drops in {dir}:\n{errors}")]
pub struct LoadError {
    pub dir: std::path::PathBuf,
    #[source]
    pub errors: doc_model::diagnostic::DocErrors,
}

impl ServiceModel {
    /// Reads a doc-drop directory (`specs/tat`) as `cargo xtask regen` does.
    pub fn load(dir: &Path) -> Result<ServiceModel, LoadError> {
        doc_model::drops::load_service(dir)
            .map(ServiceModel::new)
            .map_err(|errors| LoadError {
                dir: dir.to_path_buf(),
                errors,
            })
    }

    pub fn new(service: Service) -> ServiceModel {
        let actions = service
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.clone(), i))
            .collect();
        let types = service
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        ServiceModel {
            service,
            actions,
            types,
        }
    }

    pub fn name(&self) -> &str {
        &self.service.service.name
    }

    pub fn version(&self) -> &str {
        &self.service.service.version
    }

    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.get(name).map(|i| &self.service.actions[*i])
    }

    /// Actions whose page documents no successful answer: the emulator answers them from
    /// the response table, and says so at start-up.
    pub fn actions_without_example_answer(&self) -> impl Iterator<Item = &Action> {
        self.service
            .actions
            .iter()
            .filter(|a| !crate::examples::has_example_answer(a))
    }

    pub fn struct_type(&self, name: &str) -> Option<&StructType> {
        self.types.get(name).map(|i| &self.service.types[*i])
    }
}
