# The two commands (see README). Both install whatever is missing first.
.PHONY: run test size
run:   ## serve the app with its demo roadmap at http://127.0.0.1:8080
	@scripts/run
test:  ## run every test: host, browser, end-to-end on the release build
	@scripts/test
size:  ## build the release and print bundle sizes (raw and gzip)
	@bench/size
