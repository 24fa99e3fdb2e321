//! The optimiser off the main thread: a Web Worker (`src/bin/optimiser.rs`, built by trunk
//! as `optimiser.js` + `optimiser_bg.wasm`, started by `public/optimiser-worker.js`) runs the
//! same resumable [`Optimiser`] step by step, reports progress, and stops on request with
//! the best set found so far. A single step of a large search (one linear programme) can
//! take seconds; in the worker it never holds up the page.
//!
//! Messages are JSON text: once the worker says it is [`Reply::Ready`] (its wasm loads
//! after the script starts, so earlier messages would be lost), the page sends a
//! [`Request`] (the roadmap and the options) or `"stop"`; the worker answers with [`Reply`]
//! values. The page falls back to running the
//! search in slices on its own thread when the worker cannot start.

use crate::domain::optimiser::{Optimiser, Options, Outcome, Progress, Step};
use crate::domain::Roadmap;
use serde::{Deserialize, Serialize};

/// Where the page finds the worker (relative to the page, so sub-paths work).
pub const WORKER_URL: &str = "./public/optimiser-worker.js";
/// What the page sends to stop a run.
pub const STOP: &str = "stop";

/// A run to do.
#[derive(Serialize, Deserialize)]
pub struct Request {
    pub roadmap: Roadmap,
    pub options: Options,
}

/// What the worker says.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The worker listens: send the request.
    Ready,
    Progress(Progress),
    Finished(Box<Outcome>),
    Failed(String),
}

pub fn encode<T: Serialize>(value: &T) -> String {
    crate::domain::file_format::write_json(value, false)
}

pub fn decode_reply(text: &str) -> Result<Reply, String> {
    serde_json::from_str(text).map_err(|e| format!("the optimiser's answer could not be read ({e})"))
}

/// The worker's side: one run at a time, in steps of about 50 ms between which it reads
/// its messages (a stop).
pub struct Runner {
    search: Option<Optimiser>,
    nodes: u64,
}

impl Default for Runner {
    fn default() -> Self {
        Runner { search: None, nodes: 1 }
    }
}

impl Runner {
    /// A message from the page: starts a run (`Err`: the reply to send) or stops one.
    pub fn receive(&mut self, text: &str) -> Option<Reply> {
        if text == STOP {
            return self.search.take().map(|mut o| Reply::Finished(Box::new(o.stop())));
        }
        let request: Request = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => return Some(Reply::Failed(format!("the optimiser could not read the roadmap ({e})"))),
        };
        match Optimiser::new(&request.roadmap, &request.options) {
            Ok(o) => {
                self.search = Some(o);
                self.nodes = 1;
                None
            }
            Err(e) => Some(Reply::Failed(e)),
        }
    }

    /// Whether a run is going.
    pub fn busy(&self) -> bool {
        self.search.is_some()
    }

    /// Works for about `budget_ms` (by the clock `now`), then says where it is.
    pub fn work(&mut self, budget_ms: f64, now: impl Fn() -> f64) -> Option<Reply> {
        let o = self.search.as_mut()?;
        let t0 = now();
        loop {
            let t = now();
            let step = o.step(self.nodes);
            let dt = now() - t;
            self.nodes = if dt < budget_ms / 8.0 {
                (self.nodes * 2).min(1 << 16)
            } else if dt > budget_ms / 2.0 {
                (self.nodes / 2).max(1)
            } else {
                self.nodes
            };
            match step {
                Step::Finished(out) => {
                    self.search = None;
                    return Some(Reply::Finished(out));
                }
                Step::Working(p) if now() - t0 >= budget_ms => return Some(Reply::Progress(p)),
                Step::Working(_) => {}
            }
        }
    }
}

/// The worker's main loop (`src/bin/optimiser.rs`).
#[cfg(target_arch = "wasm32")]
pub fn run_worker() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let runner = Rc::new(RefCell::new(Runner::default()));

    fn post(scope: &web_sys::DedicatedWorkerGlobalScope, reply: &Reply) {
        let _ = scope.post_message(&JsValue::from_str(&encode(reply)));
    }

    // Works a slice, answers, and comes back after the messages waiting (a stop) are read.
    fn slice(scope: web_sys::DedicatedWorkerGlobalScope, runner: Rc<RefCell<Runner>>) {
        let reply = runner.borrow_mut().work(60.0, js_sys::Date::now);
        if let Some(reply) = &reply {
            post(&scope, reply);
        }
        if runner.borrow().busy() {
            let (s, r) = (scope.clone(), runner.clone());
            let next = Closure::once_into_js(move || slice(s, r));
            let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
        }
    }

    let on_message = {
        let (scope, runner) = (scope.clone(), runner.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let text = ev.data().as_string().unwrap_or_default();
            let was_busy = runner.borrow().busy();
            let reply = runner.borrow_mut().receive(&text);
            if let Some(reply) = &reply {
                post(&scope, reply);
            }
            if runner.borrow().busy() && !was_busy {
                slice(scope.clone(), runner.clone());
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &Reply::Ready);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_roadmap;

    fn run(runner: &mut Runner) -> Outcome {
        loop {
            match runner.work(1.0, || 0.0) {
                Some(Reply::Finished(o)) => return *o,
                Some(Reply::Progress(_) | Reply::Ready) | None => {}
                Some(Reply::Failed(e)) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn the_worker_gives_the_outcome_the_page_would_find() {
        let mut r = demo_roadmap();
        for b in &mut r.budgets {
            b.capex *= 0.8;
        }
        let options = Options::for_roadmap(&r);
        let expected = Optimiser::run(&r, &options).unwrap();
        let mut runner = Runner::default();
        let request = encode(&Request { roadmap: r.clone(), options });
        assert_eq!(runner.receive(&request), None, "a good request starts a run");
        assert!(runner.busy());
        let got = run(&mut runner);
        assert_eq!(got, expected);
        assert!(!runner.busy());
        // The outcome crosses to the page intact.
        let text = encode(&Reply::Finished(Box::new(got.clone())));
        assert_eq!(decode_reply(&text).unwrap(), Reply::Finished(Box::new(got)));
    }

    #[test]
    fn a_stop_answers_with_the_best_set_so_far_and_bad_requests_fail_politely() {
        let r = crate::domain::generate::generate(3, 120);
        let mut runner = Runner::default();
        assert_eq!(runner.receive(&encode(&Request { roadmap: r, options: Options::default() })), None);
        // Whatever has been done, a stop answers with a cancelled outcome.
        let _ = runner.work(0.0, || 0.0);
        match runner.receive(STOP) {
            Some(Reply::Finished(o)) => assert!(o.cancelled),
            other => panic!("{other:?}"),
        }
        assert!(!runner.busy());
        assert_eq!(runner.receive(STOP), None, "nothing to stop");
        assert!(matches!(runner.receive("{not json"), Some(Reply::Failed(_))));
        let mut bad = demo_roadmap();
        bad.initiatives.push(bad.initiatives[0].clone());
        match runner.receive(&encode(&Request { roadmap: bad, options: Options::default() })) {
            Some(Reply::Failed(e)) => assert!(e.contains("Fix the roadmap's errors"), "{e}"),
            other => panic!("{other:?}"),
        }
        assert!(decode_reply("nonsense").is_err());
    }
}
