#pragma once

// What the board (kiosk-display) says of itself, and a picture of what its screen shows: two
// files under the runtime folder, each replaced atomically, which the console's /etat,
// `kioskctl health` and the site's health (hence the office) read — signage systems call it
// proof of display. The heartbeat, board.json, is rewritten every few seconds and after each
// picture:
//   {"pid", "started", "heartbeat", "screen", "picture_at", "picture_width", "picture_height"}
// Instants are Unix seconds (fractional, real time), null until they happen; screen is "on", or
// "off" while the board keeps the screen switched off outside opening hours. The picture,
// board.png, is the screen as last drawn, scaled to board_picture_width pixels wide.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

struct BoardHeartbeat {
    using RealTime = std::chrono::system_clock::time_point;

    long pid = 0;
    std::optional<RealTime> started = {};
    std::optional<RealTime> heartbeat = {};
    bool screen_on = true;
    std::optional<RealTime> picture_at = {}; // when the frame in board.png was on screen
    unsigned picture_width = 0;
    unsigned picture_height = 0;
};

void to_json(nlohmann::ordered_json& document, const BoardHeartbeat& heartbeat);
void from_json(const nlohmann::ordered_json& document, BoardHeartbeat& heartbeat);

[[nodiscard]] std::filesystem::path board_status_path(const std::filesystem::path& runtime_dir);
[[nodiscard]] std::filesystem::path board_picture_path(const std::filesystem::path& runtime_dir);

// The picture's bounds: what the board writes, and what every reader accepts (the console,
// the health record, the office applying a bundle). A 480-pixel board is some 50 kB.
inline constexpr unsigned board_picture_width = 480;
inline constexpr std::size_t largest_board_picture = 256 * 1024;
inline constexpr unsigned largest_picture_side = 2048;

struct PictureSize {
    unsigned width = 0;
    unsigned height = 0;
};

// The size a PNG's header declares; a French message when `png` is not a PNG within bounds.
// Reads the signature and the header chunk only: nothing is decoded.
[[nodiscard]] tl::expected<PictureSize, std::string> check_board_picture(std::string_view png);

struct BoardPicture {
    std::string png; // the file's bytes, as check_board_picture accepted them
    PictureSize size = {};
};

// The picture in `file`; a French message when it is missing, too large, not a PNG or of an
// odd size. Reads at most largest_board_picture bytes and one more.
[[nodiscard]] tl::expected<BoardPicture, std::string>
read_board_picture(const std::filesystem::path& file);

enum class BoardCondition {
    Drawing,   // the heartbeat is fresh and the screen was drawn lately
    ScreenOff, // outside opening hours the board keeps the screen off: nothing to draw
    Stale,     // the screen is on but nothing was drawn for too long
    Stalled,   // the heartbeat stopped: the board's program hangs
    Stopped,   // the program that wrote the heartbeat is gone
    NoStatus,  // no heartbeat: the board never ran since the machine started
};

struct BoardLimits {
    // The board beats every 5 s; a few missed beats mean a hang.
    std::chrono::seconds heartbeat = std::chrono::seconds{30};
    // A board that is on draws at least each minute (its clock), and pictures what it drew.
    std::chrono::seconds picture = std::chrono::seconds{180};
};

struct BoardHealth {
    using RealTime = BoardHeartbeat::RealTime;

    BoardCondition condition = BoardCondition::NoStatus;
    std::optional<RealTime> heartbeat = {};
    std::optional<RealTime> started = {};
    std::optional<RealTime> picture_at = {};
    std::optional<BoardPicture> picture = {}; // when the heartbeat names one and it reads well
    std::string picture_problem = {};         // else why not, in French (empty: none yet)
};

// Reads the heartbeat and the picture under `runtime_dir`. `now` is the system's real time:
// both files are written in real time.
[[nodiscard]] BoardHealth read_board_health(const std::filesystem::path& runtime_dir,
                                            BoardHealth::RealTime now,
                                            const BoardLimits& limits = {});

[[nodiscard]] std::string_view board_condition_name(BoardCondition condition); // "drawing"…
[[nodiscard]] std::optional<BoardCondition> parse_board_condition(std::string_view name);

// "image de 10 h 32, il y a 40 s"; "image du mercredi 25 novembre à 19 h 02, il y a 15 h".
[[nodiscard]] std::string picture_age(BoardHealth::RealTime taken_at, BoardHealth::RealTime now);

} // namespace kiosk
