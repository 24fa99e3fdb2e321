//! Hash routing (`#/heatmap`): deep links and reloads work on any static host.
//! Plain Rust, tested on the host.

/// The views of the app, in navigation order.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum View {
    Roadmap,
    Heatmap,
    Timeline,
    Landscape,
    Portfolio,
    Decide,
    Settings,
}

/// The parts of the Decide view: scoring, the optimiser, scenarios.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum DecideTab {
    Scoring,
    Optimise,
    Scenarios,
}

impl DecideTab {
    pub const ALL: [DecideTab; 3] = [DecideTab::Scoring, DecideTab::Optimise, DecideTab::Scenarios];

    pub fn slug(self) -> &'static str {
        match self {
            DecideTab::Scoring => "scoring",
            DecideTab::Optimise => "optimise",
            DecideTab::Scenarios => "scenarios",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DecideTab::Scoring => "Scoring",
            DecideTab::Optimise => "Optimise",
            DecideTab::Scenarios => "Scenarios",
        }
    }

    pub fn href(self) -> String {
        format!("#/decide/{}", self.slug())
    }
}

/// The lists of the roadmap editor.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum EditorTab {
    Initiatives,
    Goals,
    Capabilities,
}

/// The parts of the Landscape view: the map at a month (`#/landscape`), the lists that
/// edit applications and technologies, and the applications' lifecycles over time.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum LandscapeTab {
    Map,
    Applications,
    Technologies,
    Lifecycle,
}

impl LandscapeTab {
    pub const ALL: [LandscapeTab; 4] =
        [LandscapeTab::Map, LandscapeTab::Applications, LandscapeTab::Technologies, LandscapeTab::Lifecycle];

    pub fn slug(self) -> &'static str {
        match self {
            LandscapeTab::Map => "map",
            LandscapeTab::Applications => "applications",
            LandscapeTab::Technologies => "technologies",
            LandscapeTab::Lifecycle => "lifecycle",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            LandscapeTab::Map => "Landscape map",
            LandscapeTab::Applications => "Applications",
            LandscapeTab::Technologies => "Technologies",
            LandscapeTab::Lifecycle => "Lifecycle roadmap",
        }
    }

    pub fn href(self) -> String {
        match self {
            LandscapeTab::Map => View::Landscape.href(),
            _ => format!("#/landscape/{}", self.slug()),
        }
    }
}

/// The sections of the portfolio view (`#/portfolio/finance`); `#/portfolio` is the summary.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum PortfolioSection {
    Summary,
    Alignment,
    Finance,
    Vendors,
    Risk,
    Workforce,
}

impl PortfolioSection {
    pub const ALL: [PortfolioSection; 6] = [
        PortfolioSection::Summary,
        PortfolioSection::Alignment,
        PortfolioSection::Finance,
        PortfolioSection::Vendors,
        PortfolioSection::Risk,
        PortfolioSection::Workforce,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PortfolioSection::Summary => "summary",
            PortfolioSection::Alignment => "alignment",
            PortfolioSection::Finance => "finance",
            PortfolioSection::Vendors => "vendors",
            PortfolioSection::Risk => "risk",
            PortfolioSection::Workforce => "workforce",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            PortfolioSection::Summary => "Executive summary",
            PortfolioSection::Alignment => "Alignment",
            PortfolioSection::Finance => "Finance",
            PortfolioSection::Vendors => "Vendors",
            PortfolioSection::Risk => "Risk and compliance",
            PortfolioSection::Workforce => "Workforce",
        }
    }

    pub fn href(self) -> String {
        format!("#/portfolio/{}", self.slug())
    }
}

/// A place in the app: one variant per place, each with one address (`href`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Route {
    Editor(EditorTab),
    Heatmap,
    Timeline,
    Landscape(LandscapeTab),
    Portfolio(PortfolioSection),
    Decide(DecideTab),
    Settings,
    /// Deliberately panics: lets the end-to-end tests prove the error screen works.
    DebugPanic,
    /// In-browser measurements for `bench/run`.
    DebugBench,
    /// Opens a generated roadmap of this many initiatives as a new roadmap (benchmarks).
    DebugGenerate(usize),
    /// Times the optimiser on a generated roadmap of this many initiatives (benchmarks).
    DebugOptimise(usize),
    /// Opens a generated landscape of this many applications (and, in proportion to the
    /// issue's enterprise size, four technologies and twenty links each) as a new roadmap.
    DebugLandscape(usize),
}

impl View {
    pub const ALL: [View; 7] =
        [View::Roadmap, View::Heatmap, View::Timeline, View::Landscape, View::Portfolio, View::Decide, View::Settings];

    pub fn slug(self) -> &'static str {
        match self {
            View::Roadmap => "roadmap",
            View::Heatmap => "heatmap",
            View::Timeline => "timeline",
            View::Landscape => "landscape",
            View::Portfolio => "portfolio",
            View::Decide => "decide",
            View::Settings => "settings",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Roadmap => "Roadmap",
            View::Heatmap => "Heatmap",
            View::Timeline => "Timeline",
            View::Landscape => "Landscape",
            View::Portfolio => "Portfolio",
            View::Decide => "Decide",
            View::Settings => "Settings",
        }
    }

    /// The navigation's link: `#/portfolio` opens the view's first part.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

impl EditorTab {
    pub const ALL: [EditorTab; 3] = [EditorTab::Initiatives, EditorTab::Goals, EditorTab::Capabilities];

    pub fn slug(self) -> &'static str {
        match self {
            EditorTab::Initiatives => "initiatives",
            EditorTab::Goals => "goals",
            EditorTab::Capabilities => "capabilities",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            EditorTab::Initiatives => "Initiatives",
            EditorTab::Goals => "Goals",
            EditorTab::Capabilities => "Capabilities",
        }
    }

    pub fn href(self) -> String {
        format!("#/roadmap/{}", self.slug())
    }
}

impl Route {
    /// Parses `location.hash`. Anything unknown opens the roadmap editor.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split(['/', '?']).filter(|p| !p.is_empty());
        match (parts.next(), parts.next()) {
            (Some("roadmap"), Some(tab)) => EditorTab::ALL
                .into_iter()
                .find(|t| t.slug() == tab)
                .map_or(Route::Editor(EditorTab::Initiatives), Route::Editor),
            (Some("portfolio"), section) => Route::Portfolio(
                PortfolioSection::ALL
                    .into_iter()
                    .find(|s| Some(s.slug()) == section)
                    .unwrap_or(PortfolioSection::Summary),
            ),
            (Some("decide"), tab) => {
                Route::Decide(DecideTab::ALL.into_iter().find(|t| Some(t.slug()) == tab).unwrap_or(DecideTab::Scoring))
            }
            (Some("debug"), Some("optimise")) => {
                Route::DebugOptimise(parts.next().and_then(|n| n.parse().ok()).unwrap_or(300).clamp(1, 20_000))
            }
            (Some("debug"), Some("panic")) => Route::DebugPanic,
            (Some("debug"), Some("landscape")) => {
                Route::DebugLandscape(parts.next().and_then(|n| n.parse().ok()).unwrap_or(5_000).clamp(1, 20_000))
            }
            (Some("debug"), Some("bench")) => Route::DebugBench,
            (Some("debug"), Some("generate")) => {
                Route::DebugGenerate(parts.next().and_then(|n| n.parse().ok()).unwrap_or(2_000).min(50_000))
            }
            (Some("heatmap"), _) => Route::Heatmap,
            (Some("timeline"), _) => Route::Timeline,
            (Some("landscape"), tab) => Route::Landscape(
                LandscapeTab::ALL.into_iter().find(|t| Some(t.slug()) == tab).unwrap_or(LandscapeTab::Map),
            ),
            (Some("settings"), _) => Route::Settings,
            _ => Route::Editor(EditorTab::Initiatives),
        }
    }

    /// The address of this place; `Route::parse` reads it back as the same place.
    pub fn href(self) -> String {
        match self {
            Route::Editor(t) => t.href(),
            Route::Heatmap => View::Heatmap.href(),
            Route::Timeline => View::Timeline.href(),
            Route::Landscape(t) => t.href(),
            Route::Portfolio(s) => s.href(),
            Route::Decide(t) => t.href(),
            Route::Settings => View::Settings.href(),
            Route::DebugPanic => "#/debug/panic".to_string(),
            Route::DebugBench => "#/debug/bench".to_string(),
            Route::DebugGenerate(n) => format!("#/debug/generate/{n}"),
            Route::DebugOptimise(n) => format!("#/debug/optimise/{n}"),
            Route::DebugLandscape(n) => format!("#/debug/landscape/{n}"),
        }
    }

    /// The view this place belongs to (the navigation marks it).
    pub fn view(self) -> View {
        match self {
            Route::Heatmap => View::Heatmap,
            Route::Timeline => View::Timeline,
            Route::Landscape(_) => View::Landscape,
            Route::Settings => View::Settings,
            Route::Portfolio(_) => View::Portfolio,
            Route::Decide(_) => View::Decide,
            Route::Editor(_)
            | Route::DebugPanic
            | Route::DebugBench
            | Route::DebugGenerate(_)
            | Route::DebugOptimise(_) => View::Roadmap,
            Route::DebugLandscape(_) => View::Landscape,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_view_and_tab() {
        for v in View::ALL {
            assert_eq!(Route::parse(&v.href()).view(), v);
        }
        for t in EditorTab::ALL {
            assert_eq!(Route::parse(&t.href()), Route::Editor(t));
        }
    }

    #[test]
    fn defaults_and_unknowns_open_the_editor() {
        for h in ["", "#", "#/", "#/nope", "#/roadmap", "#/roadmap/nope", "#share=abc"] {
            assert_eq!(Route::parse(h).view(), View::Roadmap, "{h}");
        }
        assert_eq!(Route::parse("#/debug/panic"), Route::DebugPanic);
        assert_eq!(Route::parse("#/debug/generate/300"), Route::DebugGenerate(300));
        assert_eq!(Route::parse("#/debug/generate"), Route::DebugGenerate(2_000));
        assert_eq!(Route::parse("#/heatmap?x=1"), Route::Heatmap);
    }

    #[test]
    fn portfolio_sections_have_deep_links() {
        for s in PortfolioSection::ALL {
            assert_eq!(Route::parse(&s.href()), Route::Portfolio(s));
            assert_eq!(Route::parse(&s.href()).view(), View::Portfolio);
        }
        for h in ["#/portfolio", "#/portfolio/", "#/portfolio/nope"] {
            assert_eq!(Route::parse(h), Route::Portfolio(PortfolioSection::Summary), "{h}");
        }
    }

    /// Every place: each tab and section, each view, the test pages.
    fn every_place() -> Vec<Route> {
        let mut all = vec![Route::Heatmap, Route::Timeline, Route::Settings, Route::DebugPanic, Route::DebugBench];
        all.extend(EditorTab::ALL.map(Route::Editor));
        all.extend(LandscapeTab::ALL.map(Route::Landscape));
        all.extend(PortfolioSection::ALL.map(Route::Portfolio));
        all.extend(DecideTab::ALL.map(Route::Decide));
        all.extend([Route::DebugGenerate(300), Route::DebugOptimise(2000), Route::DebugLandscape(5000)]);
        all
    }

    #[test]
    fn every_place_has_one_address_that_reads_back() {
        let places = every_place();
        for r in &places {
            assert_eq!(Route::parse(&r.href()), *r, "{}", r.href());
        }
        let mut hrefs: Vec<String> = places.iter().map(|r| r.href()).collect();
        hrefs.sort();
        hrefs.dedup();
        assert_eq!(hrefs.len(), places.len(), "two places share an address");
        // The navigation's links open a place of their own view.
        for v in View::ALL {
            let r = Route::parse(&v.href());
            assert_eq!(r.view(), v);
            assert!(places.contains(&r), "{v:?}");
        }
        assert_eq!(Route::parse("#/portfolio"), Route::Portfolio(PortfolioSection::Summary));
        assert_eq!(Route::parse("#/decide"), Route::Decide(DecideTab::Scoring));
        assert_eq!(Route::parse("#/landscape"), Route::Landscape(LandscapeTab::Map));
        assert_eq!(Route::parse("#/landscape/nope"), Route::Landscape(LandscapeTab::Map));
        assert_eq!(Route::parse("#/landscape/technologies"), Route::Landscape(LandscapeTab::Technologies));
        assert_eq!(Route::parse("#/landscape/lifecycle"), Route::Landscape(LandscapeTab::Lifecycle));
        assert_eq!(Route::parse("#/roadmap"), Route::Editor(EditorTab::Initiatives));
    }

    #[test]
    fn decide_tabs_and_the_optimiser_benchmark() {
        for t in DecideTab::ALL {
            assert_eq!(Route::parse(&t.href()), Route::Decide(t));
            assert_eq!(Route::parse(&t.href()).view(), View::Decide);
        }
        assert_eq!(Route::parse("#/decide"), Route::Decide(DecideTab::Scoring));
        assert_eq!(Route::parse("#/landscape"), Route::Landscape(LandscapeTab::Map));
        assert_eq!(Route::parse("#/landscape/nope"), Route::Landscape(LandscapeTab::Map));
        assert_eq!(Route::parse("#/landscape/technologies"), Route::Landscape(LandscapeTab::Technologies));
        assert_eq!(Route::parse("#/decide/nope"), Route::Decide(DecideTab::Scoring));
        assert_eq!(Route::parse("#/debug/optimise/2000"), Route::DebugOptimise(2000));
        assert_eq!(Route::parse("#/debug/optimise"), Route::DebugOptimise(300));
    }
}
