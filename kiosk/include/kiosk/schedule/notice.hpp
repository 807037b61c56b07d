#pragma once

// Notices staff post on the board of their site ("Salle 2 fermée aujourd'hui"): shown as a
// band until they expire or are cleared. An alert takes over the top of the screen.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

using NoticeId = Id<struct NoticeTag>;

enum class NoticeLevel { Info, Alerte };

[[nodiscard]] std::string_view to_string(NoticeLevel level); // "info", "alerte"
[[nodiscard]] std::optional<NoticeLevel> parse_notice_level(std::string_view text);

struct Notice {
    NoticeId id;
    std::string site;
    std::string text;
    NoticeLevel level = NoticeLevel::Info;
    Instant created_at;
    std::optional<Instant> until; // none: until cleared
    std::string author;           // "office" or the site that posted it
    std::optional<NoticeId> batch; // the office's notice for several sites: one row each

    [[nodiscard]] bool is_active(Instant now) const { return !until || now < *until; }
};

// What a notice may hold. A screen read from a few metres shows two or three lines of it at
// most; the rest is kept (staff can list it) but shortened on screen with "…".
inline constexpr std::size_t notice_max_characters = 2000;
// So the board stays readable, a site has at most this many notices up at once.
inline constexpr std::size_t notice_max_active = 3;

class NoticeStore {
public:
    explicit NoticeStore(Store& store) : store_(store) {}

    // Posts a notice at `site`. Refused, writing nothing, when the text is empty, longer than
    // notice_max_characters, not UTF-8, when `until` is not after `now`, or when the site
    // already shows notice_max_active notices. Line breaks become spaces. At a site with a sync
    // identity, only for that site.
    [[nodiscard]] tl::expected<Notice, std::string> add(std::string_view site,
                                                        std::string_view text, NoticeLevel level,
                                                        std::optional<Instant> until, Instant now);
    // The office's notice for several sites at once (sync takes each its row): all posted or,
    // when one of them is refused (a site already full), none.
    [[nodiscard]] tl::expected<std::vector<Notice>, std::string>
    add_to_sites(std::span<const std::string> sites, std::string_view text, NoticeLevel level,
                 std::optional<Instant> until, Instant now);

    // Clears every notice up at `site` that this database posted (or only `id`, and the rows
    // posted with it for other sites); returns how many were cleared. A site cannot clear the
    // office's notice: the office clears it, everywhere at once.
    [[nodiscard]] tl::expected<int, std::string> clear(std::string_view site,
                                                       std::optional<NoticeId> id, Instant now);

    // The notices up at `site` at `now`: not cleared, not expired. Alerts first, then by age.
    [[nodiscard]] std::vector<Notice> active(std::string_view site, Instant now);

private:
    Store& store_;
};

// "--until HH:MM": that time today (Paris), as an instant. Refused when malformed or in the
// spring gap.
[[nodiscard]] tl::expected<Instant, std::string> local_time_today(std::string_view hh_mm,
                                                                  Instant now);

} // namespace kiosk
