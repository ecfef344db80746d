//! DescribeScenes: TAT's public scenes (CreatedBy `TAT`), listed with the page's filters
//! (`scene-id`, `scene-name`, `created-by`); ids not shaped `sc-…` are refused.

use super::answers::describe_table;
use super::ids::checked_ids;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{FilterField, FilterMap};
use crate::store::table::Table;
use serde_json::json;

const SCENE_FILTERS: FilterMap = &[
    ("scene-id", FilterField::Member("SceneId")),
    ("scene-name", FilterField::Member("SceneName")),
    ("created-by", FilterField::Member("CreatedBy")),
];

/// The public scenes: the one the page's example shows.
fn public_scenes() -> Table {
    let mut scenes = Table::new("SceneId");
    scenes.insert(json!({
        "SceneId": "sc-12345678", "SceneName": "Ops scenario", "CreatedBy": "TAT",
        "CreatedTime": "2020-11-02T02:48:11Z", "UpdatedTime": "2020-11-02T02:48:11Z",
    }));
    scenes
}

pub fn describe(call: &Call<'_>) -> Answer {
    checked_ids(call, "SceneIds", "sc", "Scene")?;
    describe_table(
        &public_scenes(),
        call,
        "SceneIds",
        "SceneId",
        "SceneSet",
        SCENE_FILTERS,
    )
}
