# Debian bookworm packages, one list for every script: sourced by dev.sh (build and tests) and
# install.sh (a site kiosk builds on the box, then runs the board under X).
# shellcheck shell=bash disable=SC2034

build_packages=(
  cmake ninja-build g++ ccache pkg-config
  # core
  libsqlite3-dev libsqlitecpp-dev libhowardhinnant-date-dev tzdata libfmt-dev libexpected-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libsodium-dev libical-dev
  # printing, board, camera
  libcairo2-dev libpango1.0-dev libfontconfig-dev libpng-dev libqrencode-dev libsfml-dev libfreetype-dev libzxing-dev
  libx11-dev libxext-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good libsystemd-dev
  # staff console (HTTPS)
  libcpp-httplib-dev libssl-dev
  # the office's mail to registrants: libcurl speaks SMTP to the organisation's relay
  libcurl4-openssl-dev
)

test_packages=(
  catch2 xvfb xauth zbar-tools util-linux libjpeg-dev python3 poppler-utils librsvg2-bin
  python3-html5lib
  # a real SMTP server on the loopback address for the mail tests, and its certificate
  python3-aiosmtpd openssl
  # systemd-analyze verify checks the units install.sh writes, X server included
  systemd xserver-xorg-core
  # the console in a real browser: Debian's Chromium (in French) driven by playwright-core from npm
  chromium chromium-l10n nodejs npm
)

# What a site box needs besides the build: an X server on tty1 for the board (SFML 2.5 speaks
# X11 only, and the board switches the screen off through X's DPMS), systemd to run it all,
# openssl for the console's certificate, the sqlite3 shell for a technician.
site_packages=(
  xserver-xorg-core xserver-xorg-input-libinput systemd openssl sqlite3
)
