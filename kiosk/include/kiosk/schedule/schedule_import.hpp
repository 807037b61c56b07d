#pragma once

// Importing a schedule: an iCalendar file (Google, Outlook, Thunderbird) or a CSV spreadsheet
// becomes this site's sessions, in one transaction, updating what an earlier import wrote.

#include "kiosk/base/time.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

enum class ImportMode { Apply, DryRun };

struct ImportOptions {
    std::string site;
    Instant range_begin; // only occurrences starting in [begin, end) are imported
    Instant range_end;
    Kind default_kind = Kind::Atelier;        // when no category names a kind
    std::map<std::string, int> room_capacity; // default capacity per room (site config)
    ImportMode mode = ImportMode::Apply;
    std::string by = {}; // who imports, for the audit row written with the changes
};

struct ImportEntry {
    std::string uid;
    std::string title;
    std::optional<Instant> start;
    std::string room;
    int line = 0;       // where the record starts in the file; 0 when it is not from the file
    std::string reason; // why it was cancelled or skipped
};

// What the file holds outside the range, not imported. Counting recurring events walks their
// rules from the start, up to outside_range_cap occurrences for the whole file.
struct OutsideRange {
    int occurrences = 0;
    bool at_least = false; // the count stopped at the cap: there are more
    // Recurring events with neither COUNT nor UNTIL: what they hold after the range, without
    // end, is not counted.
    std::vector<ImportEntry> endless;
};
inline constexpr int outside_range_cap = 10000;

struct ImportReport {
    std::string file;
    std::string site;
    Instant range_begin;
    Instant range_end;
    ImportMode mode = ImportMode::Apply;
    std::vector<ImportEntry> added, updated, cancelled, removed, skipped;
    int unchanged = 0;
    OutsideRange outside_range;
};

// An invalid record: nothing was changed.
struct ImportError {
    std::string file;
    int line = 0;      // 0 when the problem is the whole file
    std::string field; // property or column name; empty when the problem is the line itself
    std::string message;

    [[nodiscard]] std::string to_string() const; // "agenda.ics:42: DTSTART : …"
};

// Prefix of the session uids an import writes for `site`; sessions with it are the ones a
// later import of the site updates, cancels or removes.
[[nodiscard]] std::string imported_uid_prefix(std::string_view site);

// Reads `file` (.ics or .csv, decided by its extension or, failing that, its content).
[[nodiscard]] tl::expected<ImportReport, ImportError>
import_schedule(Store& store, const std::filesystem::path& file, const ImportOptions& options,
                Instant now);

[[nodiscard]] tl::expected<ImportReport, ImportError>
import_schedule_text(Store& store, std::string_view text, std::string_view file_name,
                     const ImportOptions& options, Instant now);

} // namespace kiosk
