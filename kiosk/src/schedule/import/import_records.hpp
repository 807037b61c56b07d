#pragma once

// What the readers (iCalendar, CSV) hand to the import: sessions ready to be written, with the
// line each came from, and what they skipped and why.

#include "kiosk/schedule/schedule_import.hpp"

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

struct ImportedSession {
    Session session; // uid, site and every imported field set; no id yet
    int line = 0;
};

struct ReadSchedule {
    std::vector<ImportedSession> sessions;
    std::vector<ImportEntry> skipped;
    OutsideRange outside_range;
};

struct ReadContext {
    std::string file_name;
    const ImportOptions& options;

    [[nodiscard]] tl::unexpected<ImportError> error(int line, std::string field,
                                                    std::string message) const
    {
        return tl::unexpected(ImportError{file_name, line, std::move(field), std::move(message)});
    }
};

// Most sessions a single import may write: more is a mistake in the file or in the range.
inline constexpr std::size_t max_imported_sessions = 20000;

[[nodiscard]] tl::expected<ReadSchedule, ImportError> read_icalendar(std::string_view text,
                                                                     const ReadContext& context);
[[nodiscard]] tl::expected<ReadSchedule, ImportError> read_csv(std::string_view text,
                                                               const ReadContext& context);

// Shared by both readers.
[[nodiscard]] std::optional<Kind> kind_from_category(std::string_view category);
// The first video-conference link (Google Meet, Teams, Zoom, Jitsi…) in free text.
[[nodiscard]] std::string find_conference_link(std::string_view text);

// What becomes of an event once checked: kept, skipped with a reason, or the whole file refused.
enum class RecordFate { Keep, Skip, Refuse };
struct Checked {
    RecordFate fate = RecordFate::Keep;
    std::string field; // the session field at fault, as validate() names it
    std::string message;
};
// Fills the defaults an import owes a session (capacity per room) and sorts what validate()
// says into "skip the event" (it maps to nothing sensible) and "refuse the file".
[[nodiscard]] Checked complete_and_check(Session& session, const ImportOptions& options);

} // namespace kiosk
