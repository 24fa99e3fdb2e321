//! The heatmap's and the timeline's choices, kept while the user visits other views; the
//! app shell provides them, the workshop's slides read them.

use crate::charts::timeline::ColourBy;
use crate::domain::heatmap::{Metric, RollUp};
use crate::domain::schedule::Grouping;
use crate::domain::Id;
use crate::layout::timeline::Zoom;
use leptos::prelude::*;
use std::collections::HashSet;

/// The heatmap's choices, kept while the user visits other views.
#[derive(Clone, Copy)]
pub struct HeatmapChoices {
    pub metric: RwSignal<Metric>,
    pub rollup: RwSignal<RollUp>,
    /// Index into the horizon's quarters; `None` until first shown (then: this quarter).
    pub quarter: RwSignal<Option<usize>>,
    pub focus: RwSignal<String>,
    pub as_table: RwSignal<bool>,
}

impl HeatmapChoices {
    pub fn new() -> Self {
        HeatmapChoices {
            metric: RwSignal::new(Metric::Gap),
            rollup: RwSignal::new(RollUp::Worst),
            quarter: RwSignal::new(None),
            focus: RwSignal::new(String::new()),
            as_table: RwSignal::new(false),
        }
    }
}

impl Default for HeatmapChoices {
    fn default() -> Self {
        Self::new()
    }
}

/// The landscape map's choices (month and colouring), kept while the user visits other views
/// and its other tabs; the presentation's and print's slide reads them.
#[derive(Clone, Copy)]
pub struct LandscapeChoices {
    pub month: RwSignal<crate::domain::Month>,
    pub colour: RwSignal<crate::domain::landscape::map::ColourBy>,
    /// The map's slide (file stem, SVG), offered by the map while it is shown: the
    /// presentation and printing show it, and the landscape's code stays in its chunk.
    pub slide: RwSignal<Option<Callback<(), (String, String)>>>,
}

impl LandscapeChoices {
    pub fn new() -> Self {
        LandscapeChoices {
            month: RwSignal::new(crate::ui::today()),
            colour: RwSignal::new(crate::domain::landscape::map::ColourBy::Phase),
            slide: RwSignal::new(None),
        }
    }
}

impl Default for LandscapeChoices {
    fn default() -> Self {
        Self::new()
    }
}

/// The timeline's choices, kept while the user visits other views.
#[derive(Clone, Copy)]
pub struct TimelineChoices {
    pub zoom: RwSignal<Zoom>,
    pub grouping: RwSignal<Grouping>,
    pub colour_by: RwSignal<ColourBy>,
    pub dependencies: RwSignal<bool>,
    pub collapsed: RwSignal<HashSet<String>>,
    pub selected: RwSignal<Option<Id>>,
    pub as_table: RwSignal<bool>,
}

impl TimelineChoices {
    /// The choices the user made last time (zoom, lanes, colour, dependencies), else the
    /// defaults; kept from then on as they change.
    pub fn new() -> Self {
        let saved = crate::persistence::preference("timeline").unwrap_or_default();
        let mut lines = saved.lines();
        let mut next = || lines.next().unwrap_or_default();
        let zoom = Some(next()).and_then(|v| Zoom::ALL.into_iter().find(|z| z.label() == v)).unwrap_or(Zoom::Quarters);
        let grouping =
            Some(next()).and_then(|v| Grouping::ALL.into_iter().find(|g| g.label() == v)).unwrap_or(Grouping::Goal);
        let colour_by = ColourBy::from_key(next()).unwrap_or(ColourBy::Status);
        let dependencies = next() != "false";
        let choices = TimelineChoices {
            zoom: RwSignal::new(zoom),
            grouping: RwSignal::new(grouping),
            colour_by: RwSignal::new(colour_by),
            dependencies: RwSignal::new(dependencies),
            collapsed: RwSignal::new(HashSet::new()),
            selected: RwSignal::new(None),
            as_table: RwSignal::new(false),
        };
        let TimelineChoices { zoom, grouping, colour_by, dependencies, .. } = choices;
        // A share link is viewed without writing anything to storage.
        let app = use_context::<crate::state::App>();
        Effect::new(move |_| {
            let value = format!(
                "{}\n{}\n{}\n{}",
                zoom.get().label(),
                grouping.get().label(),
                colour_by.get().key(),
                dependencies.get()
            );
            if !app.is_some_and(|a| a.read_only()) {
                crate::persistence::save_preference("timeline", &value);
            }
        });
        choices
    }
}

impl Default for TimelineChoices {
    fn default() -> Self {
        Self::new()
    }
}
