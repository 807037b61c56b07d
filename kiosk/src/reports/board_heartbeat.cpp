#include "kiosk/reports/board_heartbeat.hpp"

#include "base/json_fields.hpp"
#include "health_findings.hpp"
#include "kiosk/base/time.hpp"

#include <array>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

using json_fields::real_time;
using json_fields::seconds_or_null;

constexpr std::string_view png_signature{"\x89PNG\r\n\x1a\n", 8};
// The signature, then the header chunk: length (13), "IHDR", width, height, five bytes, CRC.
constexpr std::size_t png_header_end = 8 + 4 + 4 + 13 + 4;

std::uint32_t big_endian(std::string_view bytes, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

// A picture is a matter of kilobytes (french_size speaks of disks, in megabytes).
std::string kilobytes(std::uintmax_t bytes) { return fmt::format("{} ko", (bytes + 1023) / 1024); }

unsigned side_in(const nlohmann::ordered_json& document, const char* key)
{
    const auto value = json_fields::integer(document, key).value_or(0);
    return value > 0 ? static_cast<unsigned>(value) : 0U;
}

} // namespace

void to_json(nlohmann::ordered_json& document, const BoardHeartbeat& heartbeat)
{
    document = nlohmann::ordered_json::object();
    document["pid"] = heartbeat.pid;
    document["started"] = seconds_or_null(heartbeat.started);
    document["heartbeat"] = seconds_or_null(heartbeat.heartbeat);
    document["screen"] = heartbeat.screen_on ? "on" : "off";
    document["picture_at"] = seconds_or_null(heartbeat.picture_at);
    document["picture_width"] = heartbeat.picture_width;
    document["picture_height"] = heartbeat.picture_height;
}

void from_json(const nlohmann::ordered_json& document, BoardHeartbeat& heartbeat)
{
    heartbeat = {};
    if (!document.is_object())
        return;
    if (const auto pid = document.find("pid"); pid != document.end() && pid->is_number_integer())
        heartbeat.pid = pid->get<long>();
    heartbeat.started = real_time(document, "started");
    heartbeat.heartbeat = real_time(document, "heartbeat");
    heartbeat.screen_on = json_fields::text(document, "screen").value_or("on") != "off";
    heartbeat.picture_at = real_time(document, "picture_at");
    heartbeat.picture_width = side_in(document, "picture_width");
    heartbeat.picture_height = side_in(document, "picture_height");
}

std::filesystem::path board_status_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "board.json";
}

std::filesystem::path board_picture_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "board.png";
}

tl::expected<PictureSize, std::string> check_board_picture(std::string_view png)
{
    if (png.size() > largest_board_picture)
        return tl::unexpected(fmt::format("image de l'écran trop lourde ({} ; au plus {})",
                                          kilobytes(png.size()), kilobytes(largest_board_picture)));
    if (png.size() < png_header_end || !png.starts_with(png_signature) ||
        big_endian(png, 8) != 13 || png.substr(12, 4) != "IHDR")
        return tl::unexpected(std::string("l'image de l'écran n'est pas une image PNG"));
    const PictureSize size{big_endian(png, 16), big_endian(png, 20)};
    if (size.width == 0 || size.height == 0 || size.width > largest_picture_side ||
        size.height > largest_picture_side)
        return tl::unexpected(fmt::format("image de l'écran de taille inattendue ({} × {} pixels)",
                                          size.width, size.height));
    return size;
}

tl::expected<BoardPicture, std::string> read_board_picture(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return tl::unexpected(fmt::format("image de l'écran absente ({})", file.string()));
    BoardPicture picture;
    picture.png.resize(largest_board_picture + 1);
    in.read(picture.png.data(), static_cast<std::streamsize>(picture.png.size()));
    picture.png.resize(static_cast<std::size_t>(in.gcount()));
    if (picture.png.size() > largest_board_picture) {
        std::error_code error;
        const auto whole = std::filesystem::file_size(file, error);
        return tl::unexpected(fmt::format("image de l'écran trop lourde ({} ; au plus {})",
                                          error ? "plus" : kilobytes(whole),
                                          kilobytes(largest_board_picture)));
    }
    const auto size = check_board_picture(picture.png);
    if (!size)
        return tl::unexpected(size.error());
    picture.size = *size;
    return picture;
}

BoardHealth read_board_health(const std::filesystem::path& runtime_dir, BoardHealth::RealTime now,
                              const BoardLimits& limits)
{
    BoardHealth board;
    std::ifstream in(board_status_path(runtime_dir));
    if (!in)
        return board;
    std::stringstream content;
    content << in.rdbuf();
    const auto document = nlohmann::ordered_json::parse(content.str(), nullptr, false);
    if (!document.is_object()) {
        // Replaced atomically, so never half-written: unreadable means someone else wrote it.
        board.condition = BoardCondition::Stalled;
        return board;
    }
    const auto heartbeat = document.get<BoardHeartbeat>();
    board.heartbeat = heartbeat.heartbeat;
    board.started = heartbeat.started;
    board.picture_at = heartbeat.picture_at;
    if (heartbeat.picture_at) {
        auto picture = read_board_picture(board_picture_path(runtime_dir));
        if (picture)
            board.picture = std::move(*picture);
        else
            board.picture_problem = picture.error();
    }
    const auto since_drawn = heartbeat.picture_at ? heartbeat.picture_at : heartbeat.started;
    if (!health_findings::process_exists(heartbeat.pid))
        board.condition = BoardCondition::Stopped;
    else if (!heartbeat.heartbeat || now - *heartbeat.heartbeat > limits.heartbeat)
        board.condition = BoardCondition::Stalled;
    else if (!heartbeat.screen_on)
        board.condition = BoardCondition::ScreenOff;
    else if (since_drawn && now - *since_drawn > limits.picture)
        board.condition = BoardCondition::Stale;
    else
        board.condition = BoardCondition::Drawing;
    return board;
}

std::string_view board_condition_name(BoardCondition condition)
{
    switch (condition) {
    case BoardCondition::Drawing:
        return "drawing";
    case BoardCondition::ScreenOff:
        return "screen_off";
    case BoardCondition::Stale:
        return "stale";
    case BoardCondition::Stalled:
        return "stalled";
    case BoardCondition::Stopped:
        return "stopped";
    case BoardCondition::NoStatus:
        break;
    }
    return "no_status";
}

std::optional<BoardCondition> parse_board_condition(std::string_view name)
{
    for (const auto condition :
         {BoardCondition::Drawing, BoardCondition::ScreenOff, BoardCondition::Stale,
          BoardCondition::Stalled, BoardCondition::Stopped, BoardCondition::NoStatus})
        if (board_condition_name(condition) == name)
            return condition;
    return std::nullopt;
}

std::string picture_age(BoardHealth::RealTime taken_at, BoardHealth::RealTime now)
{
    // Heartbeat instants are fractional seconds, read back to within a few nanoseconds.
    const Instant at = std::chrono::round<std::chrono::seconds>(taken_at);
    const Instant at_now = std::chrono::floor<std::chrono::seconds>(now);
    const std::string when =
        local_day(at) == local_day(at_now)
            ? "de " + french_time(at)
            : fmt::format("du {} à {}", french_day(local_day(at)), french_time(at));
    return fmt::format("image {}, il y a {}", when, french_duration(at_now - at));
}

} // namespace kiosk
