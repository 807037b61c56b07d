#include "kiosk/base/time.hpp"

#include <array>
#include <charconv>
#include <date/tz.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

const date::time_zone& paris()
{
    static const date::time_zone* zone = date::locate_zone("Europe/Paris");
    return *zone;
}

bool read_number(std::string_view text, std::size_t at, std::size_t width, int& out)
{
    if (at + width > text.size())
        return false;
    for (std::size_t i = at; i < at + width; ++i)
        if (text[i] < '0' || text[i] > '9')
            return false;
    std::from_chars(text.data() + at, text.data() + at + width, out);
    return true;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

tl::expected<Day, std::string> parse_day(std::string_view text)
{
    text = trim(text);
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_number(text, 0, 4, y) ||
        !read_number(text, 5, 2, m) || !read_number(text, 8, 2, d))
        return tl::unexpected(fmt::format("date « {} » invalide : attendu AAAA-MM-JJ", text));
    Day day{date::year{y}, date::month{static_cast<unsigned>(m)},
            date::day{static_cast<unsigned>(d)}};
    if (!day.ok())
        return tl::unexpected(fmt::format("la date {} n'existe pas", text));
    return day;
}

tl::expected<Instant, std::string> parse_local_time(std::string_view text)
{
    text = trim(text);
    auto malformed = [&] {
        return tl::unexpected(
            fmt::format("heure « {} » invalide : attendu AAAA-MM-JJ HH:MM", text));
    };
    if (text.size() < 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':')
        return malformed();
    auto day = parse_day(text.substr(0, 10));
    if (!day)
        return tl::unexpected(day.error());
    int hour = 0, minute = 0;
    if (!read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute) || hour > 23 ||
        minute > 59)
        return malformed();
    std::string_view rest = text.substr(16);
    if (rest.size() >= 3 && rest[0] == ':') { // optional seconds, must be zero-padded digits
        int seconds = 0;
        if (!read_number(rest, 1, 2, seconds) || seconds > 59)
            return malformed();
        rest.remove_prefix(3);
    }
    const date::local_seconds local =
        date::local_days{*day} + std::chrono::hours{hour} + std::chrono::minutes{minute};

    if (!rest.empty()) {
        // An explicit UTC offset: "+01:00", "+02:00", "Z".
        int sign = 0, oh = 0, om = 0;
        if (rest == "Z")
            return Instant{local.time_since_epoch()};
        if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
            !read_number(rest, 1, 2, oh) || !read_number(rest, 4, 2, om))
            return malformed();
        sign = rest[0] == '+' ? 1 : -1;
        const auto offset = sign * (std::chrono::hours{oh} + std::chrono::minutes{om});
        return Instant{local.time_since_epoch() - offset};
    }

    const auto info = paris().get_info(local);
    switch (info.result) {
    case date::local_info::unique:
        return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::ambiguous:
        return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
        return tl::unexpected(fmt::format(
            "{} n'existe pas à Paris : ce jour-là, les horloges passent de 02:00 à 03:00",
            text));
    }
    return malformed();
}

DayRange local_day_range(Day day)
{
    const auto begin = date::local_days{day};
    const auto end = begin + date::days{1};
    // Midnight always exists in Europe/Paris (transitions happen at 02:00/03:00).
    return {Instant{paris().to_sys(begin)}, Instant{paris().to_sys(end)}};
}

Day local_day(Instant instant)
{
    const auto local = paris().to_local(instant);
    return Day{date::floor<date::days>(local)};
}

Minutes local_time_of_day(Instant instant)
{
    const auto local = paris().to_local(instant);
    return std::chrono::duration_cast<Minutes>(local - date::floor<date::days>(local));
}

Instant local_midnight_after(Instant instant)
{
    const Day day = local_day(instant);
    return local_day_range(day).end;
}

std::string format_day(Day day)
{
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                       static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

std::string format_local_hm(Instant instant)
{
    const auto minutes = local_time_of_day(instant).count();
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string format_local_datetime(Instant instant)
{
    return format_day(local_day(instant)) + ' ' + format_local_hm(instant);
}

std::string format_iso8601(Instant instant)
{
    const auto info = paris().get_info(instant);
    const auto offset = std::chrono::duration_cast<Minutes>(info.offset).count();
    const auto local = paris().to_local(instant);
    const auto seconds = (local - date::floor<std::chrono::minutes>(local)).count();
    return fmt::format("{}T{}:{:02}{}{:02}:{:02}", format_day(local_day(instant)),
                       format_local_hm(instant), seconds, offset < 0 ? '-' : '+',
                       std::abs(offset) / 60, std::abs(offset) % 60);
}

std::optional<Instant> parse_iso8601(std::string_view text)
{
    // 2026-11-26T14:30:05+01:00, or Z for UTC: exactly what format_iso8601() writes.
    int hour = 0, minute = 0, second = 0, offset_hours = 0, offset_minutes = 0;
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        !read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute) ||
        !read_number(text, 17, 2, second) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    const auto day = parse_day(text.substr(0, 10));
    if (!day)
        return std::nullopt;
    const std::string_view zone = text.substr(19);
    int sign = 0;
    if (zone == "Z")
        sign = 1;
    else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             read_number(zone, 1, 2, offset_hours) && read_number(zone, 4, 2, offset_minutes))
        sign = zone[0] == '+' ? 1 : -1;
    else
        return std::nullopt;
    const auto offset = sign * (std::chrono::hours{offset_hours} + Minutes{offset_minutes});
    return Instant{date::sys_days{*day}} + std::chrono::hours{hour} + Minutes{minute} +
           std::chrono::seconds{second} - offset;
}

std::string french_time(Instant instant)
{
    const auto minutes = local_time_of_day(instant).count();
    if (minutes % 60 == 0)
        return fmt::format("{} h", minutes / 60);
    return fmt::format("{} h {:02}", minutes / 60, minutes % 60);
}

namespace {

constexpr std::array<const char*, 12> french_months{"janvier",   "février", "mars",     "avril",
                                                    "mai",       "juin",    "juillet",  "août",
                                                    "septembre", "octobre", "novembre", "décembre"};

std::string day_of_month(Day day) // "1er", "26"
{
    const unsigned dom = static_cast<unsigned>(day.day());
    return fmt::format("{}{}", dom, dom == 1 ? "er" : "");
}

std::string month_name(Day day) { return french_months[static_cast<unsigned>(day.month()) - 1]; }

} // namespace

std::string french_day(Day day)
{
    static constexpr std::array<const char*, 7> weekdays{"dimanche", "lundi",    "mardi", "mercredi",
                                                        "jeudi",    "vendredi", "samedi"};
    const date::weekday weekday{date::sys_days{day}};
    return fmt::format("{} {} {}", weekdays[weekday.c_encoding()], day_of_month(day),
                       month_name(day));
}

std::string french_day_span(Day first, Day last)
{
    const int last_year = static_cast<int>(last.year());
    if (first == last)
        return fmt::format("le {} {} {}", day_of_month(first), month_name(first), last_year);
    if (first.year() != last.year())
        return fmt::format("du {} {} {} au {} {} {}", day_of_month(first), month_name(first),
                           static_cast<int>(first.year()), day_of_month(last), month_name(last),
                           last_year);
    if (first.month() != last.month())
        return fmt::format("du {} {} au {} {} {}", day_of_month(first), month_name(first),
                           day_of_month(last), month_name(last), last_year);
    return fmt::format("du {} au {} {} {}", day_of_month(first), day_of_month(last),
                       month_name(last), last_year);
}

std::string french_duration(std::chrono::seconds duration)
{
    const auto seconds = std::max<std::int64_t>(duration.count(), 0);
    if (seconds < 90)
        return fmt::format("{} s", seconds);
    if (seconds < 90 * 60)
        return fmt::format("{} min", seconds / 60);
    if (seconds < 48 * 3600)
        return fmt::format("{} h", seconds / 3600);
    return fmt::format("{} j", seconds / 86400);
}

Clock Clock::system() { return Clock{false, {}}; }
Clock Clock::frozen(Instant at) { return Clock{true, at}; }

Instant Clock::now() const
{
    if (frozen_)
        return at_;
    return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace kiosk
