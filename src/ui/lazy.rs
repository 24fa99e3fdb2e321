//! Views loaded on first use (issue 14): each split point below is its own WebAssembly chunk
//! in the split release build (`scripts/build-release`), fetched the first time it is shown.
//!
//! - With the cargo feature `split` (only the split build turns it on) a split point is a
//!   `#[wasm_split]` function: the main module imports it from `__wasm_split_placeholder__`,
//!   and `wasm-split-cli` moves its code into a chunk and rewrites the import into a loader.
//!   A build without the split step must not turn the feature on: such a module imports the
//!   placeholder and never starts.
//! - Without the feature (dev builds, `trunk build`, tests) a split point is a plain function
//!   and [`Lazy`] renders it at once: one module, nothing to load.
//!
//! [`Lazy`] shows a quiet placeholder of the view's size while its chunk loads and, when the
//! load fails (offline before the first visit, the server gone), a message with a Retry
//! button. Nothing typed is lost: the roadmap lives in the app state, outside the chunk.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

/// Slack for the splitter. `wasm-split-cli` lays the read-only data out again, each module's
/// data together and aligned; when the alignment makes the result longer than the linker's
/// `.rodata`, it gives up and leaves *all* the data in the main module (+140 KB, all the
/// views' text; its log says "Overlong segment"). These bytes are in `.rodata` but no code
/// reads them, so the splitter drops them and their room takes the alignment (the gaps are at
/// most a few bytes per chunk). `scripts/build-release` fails if the warning comes back.
#[cfg(feature = "split")]
#[used]
static SPLIT_DATA_SLACK: [u8; 16384] = [0xCA; 16384];

/// A chunk could not be loaded (the details are in the browser console).
#[derive(Debug, Clone, Copy)]
pub struct LoadFailed;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// A future of a chunk load.
pub type Loading = Pin<Box<dyn Future<Output = Result<(), LoadFailed>>>>;

/// A split point: `split_point!(chunk_name, fn name(args) { body })` defines the module `name`
/// with `load()` (fetches the chunk; at once without the split build) and `view(args)` (renders;
/// only called once `load` succeeded, when it completes without waiting).
/// `split_point!(action chunk_name, fn name(args) { body })` defines `name::run(args)`, an
/// async function that loads the chunk, then runs the body.
/// `split_point!(value chunk_name, fn name(args) -> T { body })` defines `name::load()` and
/// `name::now(args) -> Option<T>` (a plain call once the chunk is loaded; see `crate::codec`). Split points with the same
/// chunk name share one chunk.
macro_rules! split_point {
    (action $chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        /// An action whose code is in a chunk: `run` loads the chunk, then does it.
        #[allow(unused_braces)]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use $crate::ui::lazy::LoadFailed;

            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
            fn build($($arg: $ty),*) -> Result<(), LoadFailed> {
                $body;
                Ok(())
            }

            #[cfg(feature = "split")]
            pub async fn run($($arg: $ty),*) -> Result<(), LoadFailed> {
                build($($arg),*).await
            }

            #[cfg(not(feature = "split"))]
            pub async fn run($($arg: $ty),*) -> Result<(), LoadFailed> {
                $body;
                Ok(())
            }
        }
    };
    (value $chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        /// A function whose code is in a chunk: `load` fetches the chunk, `now` calls it (`None`
        /// while the chunk is not loaded; always `Some` without the split build).
        #[allow(unused_braces)]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use $crate::ui::lazy::{LoadFailed, Loading};

            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload))]
            fn build($($arg: $ty),*) -> Result<$ret, LoadFailed> {
                Ok($body)
            }

            #[cfg(feature = "split")]
            #[allow(dead_code)]
            pub fn load() -> Loading {
                Box::pin(async { preload().await.map_err(LoadFailed::from) })
            }

            #[cfg(not(feature = "split"))]
            #[allow(dead_code)]
            pub fn load() -> Loading {
                Box::pin(async { Ok(()) })
            }

            #[cfg(feature = "split")]
            pub fn now($($arg: $ty),*) -> Option<$ret> {
                $crate::ui::lazy::now_or_never(build($($arg),*)).and_then(Result::ok)
            }

            #[cfg(not(feature = "split"))]
            pub fn now($($arg: $ty),*) -> Option<$ret> {
                Some($body)
            }
        }
    };
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        #[allow(unused_braces)]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use leptos::prelude::{AnyView, IntoAny};
            #[allow(unused_imports)]
            use $crate::ui::lazy::{LoadFailed, Loading};

            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload))]
            fn build($($arg: $ty),*) -> Result<AnyView, LoadFailed> {
                Ok($body)
            }

            #[cfg(feature = "split")]
            pub fn load() -> Loading {
                Box::pin(async { preload().await.map_err(LoadFailed::from) })
            }

            #[cfg(not(feature = "split"))]
            pub fn load() -> Loading {
                Box::pin(async { Ok(()) })
            }

            #[cfg(feature = "split")]
            pub fn view($($arg: $ty),*) -> Option<AnyView> {
                $crate::ui::lazy::now_or_never(build($($arg),*)).and_then(Result::ok)
            }

            #[cfg(not(feature = "split"))]
            pub fn view($($arg: $ty),*) -> Option<AnyView> {
                Some($body)
            }
        }
    };
}
pub(crate) use split_point;

/// Runs an action whose code is in a chunk (a split point's `run`); tells the user when the
/// chunk could not be loaded (nothing was done, so trying again is safe).
pub fn run_loaded(
    app: crate::state::App,
    what: &'static str,
    action: impl Future<Output = Result<(), LoadFailed>> + 'static,
) {
    // One spawned task type for every action (not one per action: the first screen's size).
    run_loaded_boxed(app, what, Box::pin(action));
}

fn run_loaded_boxed(
    app: crate::state::App,
    what: &'static str,
    action: std::pin::Pin<Box<dyn Future<Output = Result<(), LoadFailed>>>>,
) {
    leptos::task::spawn_local(async move {
        if action.await.is_err() {
            let text =
                format!("Cairn could not load {what}: the connection may be down. Nothing was changed; try again.");
            app.notify(crate::state::Topic::Loading, crate::state::Level::Error, &text, vec![]);
        }
    });
}

/// Polls a future once: its value if it is ready without waiting.
#[allow(dead_code)]
pub fn now_or_never<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// How many views are fetching their chunk now: what is fetched in the background waits for
/// none to be (`crate::codec`), so that the view the user asked for comes first.
static VIEWS_LOADING: AtomicUsize = AtomicUsize::new(0);

/// True while a view is fetching its chunk.
pub fn views_loading() -> bool {
    VIEWS_LOADING.load(Ordering::Relaxed) > 0
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Loading,
    Ready,
    Failed,
}

/// Shows a view whose code is in a chunk: a placeholder while it loads, the view once loaded,
/// a message with Retry if loading failed.
#[component]
pub fn Lazy(
    /// What loads, in the failure message ("the heatmap").
    what: &'static str,
    /// Fetches the chunk (a split point's `load`).
    load: fn() -> Loading,
    /// Renders the view once its chunk is loaded (a split point's `view`, with its arguments).
    view: Box<dyn Fn() -> Option<AnyView> + Send + Sync>,
    /// The placeholder's class (its size: a whole view, a section, a dialog).
    #[prop(default = "lazy-placeholder")]
    class: &'static str,
) -> impl IntoView {
    let status = RwSignal::new(Status::Loading);
    let start = move || {
        let mut loading = load();
        // A chunk loaded before is there at once: no placeholder, not even for a frame.
        if let Poll::Ready(result) = loading.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            status.set(if result.is_ok() { Status::Ready } else { Status::Failed });
            return;
        }
        status.set(Status::Loading);
        VIEWS_LOADING.fetch_add(1, Ordering::Relaxed);
        leptos::task::spawn_local(async move {
            let ok = loading.await.is_ok();
            VIEWS_LOADING.fetch_sub(1, Ordering::Relaxed);
            if !status.is_disposed() {
                status.set(if ok { Status::Ready } else { Status::Failed });
            }
        });
    };
    // Without the split build the chunk is there already: no placeholder, not even for a frame.
    if cfg!(feature = "split") {
        start();
    } else {
        status.set(Status::Ready);
    }
    move || {
        match status.get() {
        Status::Ready => untrack(&view).unwrap_or_else(|| {
            // Loaded, yet not ready at once: should not happen; show the failure (and Retry).
            status.set(Status::Failed);
            ().into_any()
        }),
        Status::Loading => view! { <div class=class aria-busy="true"></div> }.into_any(),
        Status::Failed => view! {
            <div class=format!("{class} lazy-failed") role="alert">
                <p>{format!("Cairn could not load {what}: the connection may be down. Your roadmap is safe in this browser.")}</p>
                <button type="button" on:click=move |_| start()>"Retry"</button>
            </div>
        }
        .into_any(),
    }
    }
}

/// True from the first time `open` is true on: a dialog whose code is a chunk stays mounted
/// once it has been opened (closing and opening it again keeps its state, and loads nothing).
pub fn opened_once(open: RwSignal<bool>) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    true_once(move || open.get())
}

/// True from the first time `condition` is true on.
pub fn true_once(
    condition: impl Fn() -> bool + Send + Sync + 'static,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let once = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || condition());
    move || once.get()
}
