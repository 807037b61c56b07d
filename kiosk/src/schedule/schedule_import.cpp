#include "kiosk/schedule/schedule_import.hpp"
#include "kiosk/store/audit.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "schedule/import/import_records.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

namespace kiosk {
namespace {

enum class Writes { Apply, Skip };

ImportEntry entry_of(const Session& session, int line, std::string reason = {})
{
    return ImportEntry{session.uid,  session.title, session.start,
                       session.room, line,          std::move(reason)};
}

// The calendar wins for what it says (title, times, room, people, links); what staff did on
// the spot survives a re-import: a delay, "full", a cancellation, a room change the calendar
// has not caught up with.
Session merged(const Session& existing, const Session& incoming)
{
    Session result = incoming;
    result.id = existing.id;
    if (incoming.status == Status::Cancelled)
        return result;
    switch (existing.status) {
    case Status::Scheduled:
        break;
    case Status::Delayed:
    case Status::Full:
    case Status::Cancelled:
        result.status = existing.status;
        result.delay_minutes = existing.delay_minutes;
        break;
    case Status::RoomChanged:
        // Staff moved it from the calendar's room (or the calendar followed): keep the change.
        if (incoming.room == existing.previous_room || incoming.room == existing.room) {
            result.room = existing.room;
            result.previous_room = existing.previous_room;
            result.status = Status::RoomChanged;
        }
        break;
    }
    return result;
}

// The sessions an earlier import of this site wrote in the range, among those this database
// plans: the office's import never removes what the site planned, nor the site's what the
// office planned.
std::vector<SessionId> imported_in_range(Store& store, const ImportOptions& options,
                                         const std::optional<std::string>& here)
{
    SQLite::Statement select(database_of(store),
                             "SELECT id FROM sessions WHERE site = ?1"
                             " AND substr(uid, 1, length(?2)) = ?2"
                             " AND start_utc >= ?3 AND start_utc < ?4"
                             " AND (?5 IS NULL OR planner = ?5) ORDER BY start_utc, id");
    select.bind(1, options.site);
    select.bind(2, imported_uid_prefix(options.site));
    select.bind(3, unix_seconds(options.range_begin));
    select.bind(4, unix_seconds(options.range_end));
    if (here)
        select.bind(5, *here);
    else
        select.bind(5);
    std::vector<SessionId> ids;
    while (select.executeStep())
        ids.emplace_back(select.getColumn(0).getInt64());
    return ids;
}

void reconcile(Store& store, const ReadSchedule& schedule, const ImportOptions& options,
               Instant now, Writes writes, ImportReport& report)
{
    SessionStore sessions(store);
    const auto here = sessions.here();
    const bool at_site = here && *here != office_name;
    std::set<std::string> present;
    for (const auto& imported : schedule.sessions) {
        const Session& incoming = imported.session;
        present.insert(incoming.uid);
        const auto existing = sessions.find_by_uid(incoming.uid);
        if (existing && at_site && existing->planner != *here) {
            report.skipped.push_back(entry_of(incoming, imported.line,
                                              "planifiée par le bureau : laissée comme il l'a "
                                              "prévue"));
            continue;
        }
        if (!existing) {
            if (incoming.status == Status::Cancelled) {
                report.skipped.push_back(
                    entry_of(incoming, imported.line, "annulée dans l'agenda, jamais importée"));
                continue;
            }
            if (writes == Writes::Apply)
                sessions.add(incoming, now);
            report.added.push_back(entry_of(incoming, imported.line));
            continue;
        }
        const Session next = merged(*existing, incoming);
        if (same_content(*existing, next)) {
            ++report.unchanged;
            continue;
        }
        if (writes == Writes::Apply)
            sessions.update(next, now);
        if (next.status == Status::Cancelled && existing->status != Status::Cancelled)
            report.cancelled.push_back(entry_of(next, imported.line, "annulée dans l'agenda"));
        else
            report.updated.push_back(entry_of(next, imported.line));
    }

    for (const SessionId id : imported_in_range(store, options, here)) {
        auto gone = sessions.find(id);
        if (!gone || present.contains(gone->uid))
            continue;
        if (!sessions.has_history(id)) {
            if (writes == Writes::Apply)
                sessions.remove(id);
            report.removed.push_back(entry_of(*gone, 0, "n'est plus dans l'agenda"));
            continue;
        }
        if (gone->status == Status::Cancelled) {
            ++report.unchanged;
            continue;
        }
        gone->status = Status::Cancelled;
        gone->delay_minutes = 0;
        if (writes == Writes::Apply)
            sessions.update(*gone, now);
        report.cancelled.push_back(
            entry_of(*gone, 0,
                     "n'est plus dans l'agenda ; annulée plutôt que supprimée : des billets "
                     "ou des passages y sont liés"));
    }
}

bool looks_like_icalendar(std::string_view file_name, std::string_view text)
{
    std::string extension(std::filesystem::path(file_name).extension().string());
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (extension == ".ics" || extension == ".ical" || extension == ".ifb")
        return true;
    if (extension == ".csv" || extension == ".txt")
        return false;
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    return text.starts_with("BEGIN:VCALENDAR");
}

} // namespace

std::string ImportError::to_string() const
{
    std::string where = line > 0 ? fmt::format("{}:{}", file, line) : file;
    if (field.empty())
        return fmt::format("{} : {}", where, message);
    return fmt::format("{} : {} : {}", where, field, message);
}

std::string imported_uid_prefix(std::string_view site) { return fmt::format("import:{}:", site); }

tl::expected<ImportReport, ImportError> import_schedule_text(Store& store, std::string_view text,
                                                             std::string_view file_name,
                                                             const ImportOptions& options,
                                                             Instant now)
{
    const std::string name(std::filesystem::path(file_name).filename().string());
    if (options.range_end <= options.range_begin)
        return tl::unexpected(ImportError{name, 0, "", "la période importée est vide"});
    const ReadContext context{name, options};
    auto schedule = looks_like_icalendar(file_name, text) ? read_icalendar(text, context)
                                                          : read_csv(text, context);
    if (!schedule)
        return tl::unexpected(schedule.error());

    ImportReport report;
    report.file = name;
    report.site = options.site;
    report.range_begin = options.range_begin;
    report.range_end = options.range_end;
    report.mode = options.mode;
    report.skipped = schedule->skipped;
    report.outside_range = schedule->outside_range;
    if (options.mode == ImportMode::DryRun)
        reconcile(store, *schedule, options, now, Writes::Skip, report);
    else
        // The file is read and checked above, outside the transaction: the doors' check-ins
        // wait only for the changes themselves.
        store.write([&] {
            reconcile(store, *schedule, options, now, Writes::Apply, report);
            record_audit(store, {0, now, options.by.empty() ? std::string("import") : options.by,
                                 "schedule.import", name, "",
                                 nlohmann::ordered_json{{"site", report.site},
                                                        {"added", report.added.size()},
                                                        {"updated", report.updated.size()},
                                                        {"cancelled", report.cancelled.size()},
                                                        {"removed", report.removed.size()},
                                                        {"skipped", report.skipped.size()},
                                                        {"unchanged", report.unchanged}}
                                     .dump()});
        });
    return report;
}

tl::expected<ImportReport, ImportError> import_schedule(Store& store,
                                                        const std::filesystem::path& file,
                                                        const ImportOptions& options, Instant now)
{
    constexpr std::uintmax_t max_size = 20 * 1024 * 1024;
    const std::string name = file.filename().string();
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || !std::filesystem::is_regular_file(file))
        return tl::unexpected(
            ImportError{file.string(), 0, "", "fichier introuvable ou illisible"});
    if (size > max_size)
        return tl::unexpected(
            ImportError{name, 0, "", "fichier de plus de 20 Mo : ce n'est pas un agenda de site"});
    std::ifstream input(file, std::ios::binary);
    std::ostringstream content;
    content << input.rdbuf();
    if (!input && !input.eof())
        return tl::unexpected(ImportError{file.string(), 0, "", "lecture impossible"});
    return import_schedule_text(store, content.str(), file.string(), options, now);
}

} // namespace kiosk
