#pragma once

// Online attendance: the attendance report a video platform exports after a live session
// (Zoom, Microsoft Teams, Google Meet), read into participants with the minutes each attended,
// then matched to the session's registrations and kept at the office. See the README for the
// columns read from each platform's file.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

enum class MeetingPlatform { Zoom, Teams, Meet };

// "zoom", "teams", "meet" (database, JSON); "Zoom", "Teams", "Meet" for people.
[[nodiscard]] std::string_view platform_code(MeetingPlatform platform);
[[nodiscard]] std::string_view platform_name(MeetingPlatform platform);

// Bounds on what one export may hold: a session of a few hundred people with reconnections
// fits well within; past them the file is a mistake (another export, a binary file).
inline constexpr std::size_t max_export_file_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_export_lines = 20'000;
inline constexpr std::size_t max_export_field_bytes = 500;

struct TimeInterval {
    Instant from;
    Instant to;
};

// One person of the export, their rows gathered (a participant who reconnected three times is
// one participant): by e-mail when the row has one, else by their name folded.
struct OnlineParticipant {
    std::string name;       // as displayed ("Martin Léa", "Léa Martin (Léa)")
    std::string first_name; // when the platform gives names apart (Meet)
    std::string last_name;
    std::string email;                        // lower case; empty when the platform had none
    int minutes = 0;                          // time in the meeting, overlaps counted once
    int line = 0;                             // the participant's first row, from 1
    std::vector<TimeInterval> intervals = {}; // merged; empty when the format gives none
    bool organiser = false;                   // the meeting's organiser (Teams): not a trainee
};

struct AttendanceExport {
    MeetingPlatform platform = MeetingPlatform::Zoom;
    // What the export says of the meeting, when it says it (Zoom's meeting block, Teams's
    // summary); Meet's attendance sheet says nothing of it.
    std::string title = {};
    std::optional<Instant> started = {};
    std::optional<Instant> ended = {};
    std::vector<OnlineParticipant> participants = {}; // in the order of the file
};

struct ExportProblem {
    int line = 0;      // from 1; 0 for the whole file
    std::string field; // the column, as the file names it; empty for the whole line or file
    std::string message;
};

// Reads an export whole: UTF-8 (with or without BOM) or UTF-16 (Teams writes UTF-16LE with
// tabs), separated by commas, semicolons or tabs. A file of another shape is refused naming
// the columns missing for the platform it looks most like. Times are read in Europe/Paris.
[[nodiscard]] tl::expected<AttendanceExport, ExportProblem>
read_attendance_export(std::string_view bytes);

struct OnlineImportOptions {
    std::optional<int> threshold_minutes = {}; // present from this; none: half the session
    std::string file_name = {};                // for the audit trail and the messages
};

enum class ImportEffect {
    Imported,  // the session had no online attendance
    Replaced,  // an earlier, different file of the session was replaced whole
    Unchanged, // the same file with the same threshold was already imported
};

struct OnlineImportSummary {
    ImportEffect effect = ImportEffect::Imported;
    MeetingPlatform platform = MeetingPlatform::Zoom;
    int threshold_minutes = 0;
    int participants = 0; // people in the file (organisers aside), reconnections merged
    int matched_by_email = 0;
    int matched_by_name = 0;
    int unmatched = 0;  // not registered for the session: counted, no ticket made
    int present = 0;    // at or above the threshold, registered or not
    int organisers = 0; // left out
};

// Why an import was refused, in French, naming what does not fit.
struct OnlineImportRefusal {
    std::string message;
};

// Matches the participants to the session's tickets (e-mail, then first and last names folded,
// either order; a name two registrations share matches none) and records them in one
// transaction with its audit row. A different file for a session already imported replaces the
// earlier import whole (a corrected export); the same file and threshold change nothing.
// Refused: an unknown session, a session at a site, an export whose day, hours or title are
// not the session's.
[[nodiscard]] tl::expected<OnlineImportSummary, OnlineImportRefusal>
import_online_attendance(Store& store, SessionId session, std::string_view file_bytes,
                         const AttendanceExport& report, const OnlineImportOptions& options,
                         const Audit& audit);

} // namespace kiosk
