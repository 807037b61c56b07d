# Warnings and sanitizers live in INTERFACE targets that every real target links
# PRIVATE, so third-party code and consumers never inherit our flags.

option(KIOSK_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(KIOSK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation
  -Wduplicated-cond -Wduplicated-branches -Wlogical-op)
if(KIOSK_WARNINGS_AS_ERRORS)
  target_compile_options(kiosk_warnings INTERFACE -Werror)
endif()

add_library(kiosk_options INTERFACE)
if(KIOSK_SANITIZE)
  target_compile_options(kiosk_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kiosk_options INTERFACE -fsanitize=address,undefined)
  # A sanitized program is large (ASan describes every global, string literals included) and,
  # as a position-independent executable, had two million relative relocations to apply at
  # each start: two fifths of the half second kioskctl took to start, and the tests start
  # programs thousands of times. Linked at a fixed address, there are none to apply.
  target_link_options(kiosk_options INTERFACE
    $<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-no-pie>)
endif()
