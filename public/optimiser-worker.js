// Starts the optimiser's Web Worker (src/bin/optimiser.rs; see src/views/decide/worker.rs):
// the wasm-bindgen glue, then its wasm, both built by trunk next to index.html.
importScripts('../optimiser.js');
wasm_bindgen({ module_or_path: '../optimiser_bg.wasm' });
