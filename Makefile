# The two commands (see README): `make run` and `make test`. Both install what is missing.
.PHONY: run test size bench
run:    ## serve the app with its demo roadmap at http://127.0.0.1:8080
	@scripts/run
test:   ## run every test: host, browser, end-to-end on the release build
	@scripts/test
size:   ## build the release and print bundle sizes (raw and gzip)
	@bench/size
bench:  ## build the release and report sizes and in-browser timings
	@bench/run
