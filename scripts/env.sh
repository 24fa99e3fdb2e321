# Sourced by the scripts: tool paths shared by build, serve and test.
export PATH="$PWD/node_modules/binaryen/bin:$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The release build: split per view (scripts/build-release; README "Build paths").
build_release() {
  scripts/build-release
}
