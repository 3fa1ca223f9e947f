#!/usr/bin/env bash
# Renders pictures of unoct's main screens into docs/ (SVG) by driving
# the real binary in tmux and turning each captured screen (with its
# colours) into an image with charmbracelet/freeze.
#
#   go install github.com/charmbracelet/freeze@v0.2.2   # once
#   bash docs/screens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "screens: needs tmux" >&2; exit 1; }
FREEZE=${FREEZE:-$(command -v freeze || echo "$(go env GOPATH)/bin/freeze")}
[ -x "$FREEZE" ] || { echo "screens: needs freeze (go install github.com/charmbracelet/freeze@v0.2.2)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'tmux -S "$tmp/sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/unoct" ./cmd/unoct

t() { tmux -S "$tmp/sock" "$@"; }
shot() { # name: capture the screen with colours and render it
	sleep 0.8
	t capture-pane -e -p -t s > "$tmp/$1.ansi"
	"$FREEZE" --language ansi --window=false --padding 20 --font.size 13 --background "#171717" \
		-o "docs/$1.svg" "$tmp/$1.ansi" >/dev/null
	echo "docs/$1.svg"
}
start() { # width height
	t kill-server 2>/dev/null || true; sleep 0.5
	t new-session -d -s s -x "$1" -y "$2" \
		"cd $tmp && UNOCT_DB=$tmp/u.db XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config TERM=xterm-256color COLORTERM=truecolor $tmp/unoct --theme dark --fresh"
	sleep 1.5
}

start 200 48
shot screen-main
t send-keys -t s BTab j j j j Enter; sleep 0.3; t send-keys -t s Tab
shot screen-filtered
t send-keys -t s c; sleep 0.3; t send-keys -t s s
shot screen-stats
t send-keys -t s Escape; sleep 0.5; t send-keys -t s '?'
shot screen-help
t send-keys -t s Escape; sleep 0.5; t send-keys -t s e
shot screen-export
t send-keys -t s Escape; sleep 0.5; t send-keys -t s h 3 Enter Right Down Right Down Right
shot screen-regions

start 80 24
t send-keys -t s Enter
shot screen-80x24-detail
