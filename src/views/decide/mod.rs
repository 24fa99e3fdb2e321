//! Decide what to fund: scoring (`scoring`), the budget-constrained optimiser (`optimise`)
//! and scenarios (`scenarios`), on the domain of `domain::{scoring, optimiser, scenario}`.
//!
//! The view is thin: the rules, numbers and sentences come from the domain; this module
//! holds the user's choices and runs the optimiser in slices between frames.

pub mod bench;
mod optimise;
mod scenarios;
mod scoring;
pub mod worker;

use crate::domain::Id;
use crate::route::DecideTab;
use crate::state::App;
use crate::ui::lazy::{split_point, Lazy};
use crate::ui::tabs::{Tab, TabBar};
use leptos::prelude::*;

pub use optimise::OptimiserRun;

/// What the Decide view keeps while the user visits other views: the optimiser's run and
/// result, the initiative open in the scoring panel, the comparison chosen.
#[derive(Clone, Copy)]
pub struct DecideState {
    pub run: OptimiserRun,
    /// The initiative whose scoring panel is open.
    pub selected: RwSignal<Option<Id>>,
    /// The two roadmaps compared: "" for the plan, else a scenario's name.
    pub compare_a: RwSignal<String>,
    pub compare_b: RwSignal<String>,
}

impl DecideState {
    pub fn new() -> Self {
        DecideState {
            run: OptimiserRun::new(),
            selected: RwSignal::new(None),
            compare_a: RwSignal::new(String::new()),
            compare_b: RwSignal::new(String::new()),
        }
    }
}

impl Default for DecideState {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn Decide(tab: DecideTab) -> impl IntoView {
    let app = crate::ui::context::<App>();

    view! {
        <section class="view decide" aria-labelledby="view-title">
            <h2 id="view-title" class="visually-hidden">"Decide what to fund"</h2>
            <TabBar label="Decide what to fund" tabs=DecideTab::ALL.into_iter().map(|t| {
                let tab_of = Tab::new(t.title(), t.href(), t == tab);
                match t {
                    DecideTab::Scenarios => tab_of.with_count(move || app.scenarios.with(Vec::len)),
                    _ => tab_of,
                }
            }).collect()/>
            {match tab {
                DecideTab::Scoring => view! { <Lazy what="scoring" class="lazy-section" load=scoring_tab::load view=Box::new(scoring_tab::view)/> },
                DecideTab::Optimise => view! { <Lazy what="the optimiser" class="lazy-section" load=optimise_tab::load view=Box::new(optimise_tab::view)/> },
                DecideTab::Scenarios => view! { <Lazy what="the scenarios" class="lazy-section" load=scenarios_tab::load view=Box::new(scenarios_tab::view)/> },
            }}
        </section>
    }
}

// Each tab is its own chunk, loaded on first use (ui::lazy).
split_point!(
    decide_scoring,
    fn scoring_tab() {
        view! { <scoring::Scoring/> }.into_any()
    }
);
split_point!(
    decide_optimise,
    fn optimise_tab() {
        view! { <optimise::Optimise/> }.into_any()
    }
);
split_point!(
    decide_scenarios,
    fn scenarios_tab() {
        view! { <scenarios::Scenarios/> }.into_any()
    }
);

/// Shown on every view while a scenario is open for editing.
#[component]
pub fn ScenarioBanner() -> impl IntoView {
    let app = crate::ui::context::<App>();
    let state = crate::ui::context::<DecideState>();
    move || {
        app.editing.get().map(|name| {
            let compared = name.clone();
            view! {
                <div class="scenario-banner" role="region" aria-label="Scenario being edited">
                    <p>
                        <strong>"Editing scenario “" {name} "”"</strong>
                        " — the plan is unchanged. Every view shows this scenario until you go back to the plan."
                    </p>
                    <div class="scenario-banner-actions">
                        <a class="button" href="#/decide/scenarios" on:click=move |_| {
                            state.compare_a.set(String::new());
                            state.compare_b.set(compared.clone());
                        }>"Compare with the plan"</a>
                        <button type="button" class="primary" on:click=move |_| app.back_to_plan()>"Back to the plan"</button>
                    </div>
                </div>
            }
        })
    }
}
