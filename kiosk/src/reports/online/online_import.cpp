#include "base/secrets.hpp"
#include "kiosk/base/sanitise.hpp"
#include "kiosk/reports/online_attendance.hpp"
#include "kiosk/store/purge.hpp"
#include "kiosk/tickets/registration.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk {
namespace {

struct SessionFacts {
    std::string site;
    std::string title;
    Instant start;
    Instant end;
};

std::optional<SessionFacts> session_facts(Store& store, SessionId id)
{
    SQLite::Statement select(database_of(store),
                             "SELECT coalesce(site, ''), title, start_utc, end_utc"
                             " FROM sessions WHERE id = ?1");
    select.bind(1, id.value());
    if (!select.executeStep())
        return std::nullopt;
    return SessionFacts{select.getColumn(0).getString(), select.getColumn(1).getString(),
                        from_unix_seconds(select.getColumn(2).getInt64()),
                        from_unix_seconds(select.getColumn(3).getInt64())};
}

std::set<std::string> title_words(const std::string& title)
{
    std::set<std::string> words;
    const auto folded = fold_name(title);
    std::size_t start = 0;
    while (start < folded.size()) {
        const auto end = std::min(folded.find(' ', start), folded.size());
        if (end - start >= 4)
            words.insert(folded.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Why the export is not the session's, when it says enough to tell.
std::optional<std::string> other_session(const AttendanceExport& report,
                                         const SessionFacts& session, SessionId id)
{
    if (report.started) {
        const auto met = local_day(*report.started);
        const auto planned = local_day(session.start);
        if (met != planned)
            return fmt::format("ce rapport est celui d'une réunion du {}, la session {} a lieu le "
                               "{} : est-ce le bon fichier ?",
                               french_day(met), id.to_string(), french_day(planned));
        const auto ended = report.ended.value_or(*report.started);
        if (ended < session.start - std::chrono::hours(1) ||
            *report.started > session.end + std::chrono::hours(1))
            return fmt::format("ce rapport est celui d'une réunion de {} à {}, la session {} a "
                               "lieu de {} à {} : est-ce le bon fichier ?",
                               french_time(*report.started), french_time(ended), id.to_string(),
                               french_time(session.start), french_time(session.end));
    }
    if (!report.title.empty()) {
        const auto exported = title_words(report.title);
        const auto planned = title_words(session.title);
        const bool shared = std::any_of(exported.begin(), exported.end(),
                                        [&](const auto& word) { return planned.contains(word); });
        if (!exported.empty() && !planned.empty() && !shared)
            return fmt::format("ce rapport est celui de la réunion « {} », la session {} est "
                               "« {} » : est-ce le bon fichier ?",
                               report.title, id.to_string(), session.title);
    }
    return std::nullopt;
}

// Names compared for matching: besides case and accents, letters of any Latin alphabet folded
// ("Nguyễn" and "Nguyen" alike), words in order.
std::string name_key(std::string_view name)
{
    auto folded = file_name_part(name, 200);
    std::replace(folded.begin(), folded.end(), '-', ' ');
    return folded;
}

struct Ticket {
    std::int64_t id = 0;
    std::string identity;
};

struct Matcher {
    std::vector<Ticket> tickets;
    std::map<std::string, std::size_t> by_email;
    std::map<std::string, std::vector<std::size_t>> by_name; // both orders

    explicit Matcher(Store& store, SessionId session)
    {
        SQLite::Statement select(database_of(store),
                                 "SELECT id, first_name, last_name, email, coalesce(holder, '')"
                                 " FROM tickets WHERE session_id = ?1 AND revoked_at IS NULL");
        select.bind(1, session.value());
        while (select.executeStep()) {
            const Registration registration{select.getColumn(1).getString(),
                                            select.getColumn(2).getString(),
                                            select.getColumn(3).getString(), ""};
            // As people_trained() and purge see the ticket: its holder, else the ticket.
            std::string identity = select.getColumn(4).getString();
            if (identity.empty())
                identity = "billet:" + std::to_string(select.getColumn(0).getInt64());
            const auto index = tickets.size();
            tickets.push_back({select.getColumn(0).getInt64(), identity});
            if (!registration.email.empty())
                by_email.emplace(registration_identity({"", "", registration.email, ""}), index);
            const auto first = name_key(registration.first_name);
            const auto last = name_key(registration.last_name);
            if (first.empty() && last.empty())
                continue;
            by_name[first + ' ' + last].push_back(index);
            if (first + ' ' + last != last + ' ' + first)
                by_name[last + ' ' + first].push_back(index);
        }
    }

    // The names a participant may be registered under: the whole display name, the name
    // before Zoom's "(Original Name)" and the one inside it, first and last names.
    static std::vector<std::string> names_of(const OnlineParticipant& participant)
    {
        std::vector<std::string> names{name_key(participant.name)};
        const auto open = participant.name.rfind(" (");
        if (open != std::string::npos && participant.name.ends_with(')')) {
            names.push_back(name_key(participant.name.substr(0, open)));
            names.push_back(
                name_key(participant.name.substr(open + 2, participant.name.size() - open - 3)));
        }
        if (!participant.first_name.empty() || !participant.last_name.empty())
            names.push_back(name_key(participant.first_name + ' ' + participant.last_name));
        return names;
    }

    std::pair<const Ticket*, std::string_view> match(const OnlineParticipant& participant) const
    {
        if (!participant.email.empty()) {
            const auto found = by_email.find("email:" + participant.email);
            if (found != by_email.end())
                return {&tickets[found->second], "email"};
        }
        for (const auto& name : names_of(participant)) {
            const auto found = by_name.find(name);
            if (found != by_name.end() && found->second.size() == 1)
                return {&tickets[found->second.front()], "name"};
        }
        return {nullptr, "none"};
    }
};

struct Person {
    std::int64_t ticket = 0;
    std::string matched_by;
    std::string name;
    std::string email;
    int minutes = 0;
};

} // namespace

tl::expected<OnlineImportSummary, OnlineImportRefusal>
import_online_attendance(Store& store, SessionId session, std::string_view file_bytes,
                         const AttendanceExport& report, const OnlineImportOptions& options,
                         const Audit& audit)
{
    using Refusal = tl::unexpected<OnlineImportRefusal>;
    const auto hash = secrets::hash_bytes(
        {reinterpret_cast<const std::uint8_t*>(file_bytes.data()), file_bytes.size()});
    return store.write([&]() -> tl::expected<OnlineImportSummary, OnlineImportRefusal> {
        const auto facts = session_facts(store, session);
        if (!facts)
            return Refusal({fmt::format("session {} inconnue dans cette base : est-ce la base du "
                                        "bureau (--db) ?",
                                        session.to_string())});
        if (!facts->site.empty())
            return Refusal({fmt::format("la session {} « {} » a lieu sur place ({}) : sa présence "
                                        "se compte à l'entrée, pas par un rapport de visio",
                                        session.to_string(), facts->title, facts->site)});
        if (auto why = other_session(report, *facts, session))
            return Refusal({*why});
        const int length = static_cast<int>(
            std::chrono::duration_cast<std::chrono::minutes>(facts->end - facts->start).count());
        OnlineImportSummary summary;
        summary.platform = report.platform;
        summary.threshold_minutes = options.threshold_minutes.value_or(length / 2);
        if (summary.threshold_minutes < 1 || summary.threshold_minutes > length)
            return Refusal({fmt::format("seuil de {} min hors de la durée de la session (1 à {} "
                                        "min)",
                                        summary.threshold_minutes, length)});

        const Matcher matcher(store, session);
        const PersonKeys keys(store, SaltUse::ToKeep);
        std::map<std::string, Person> people; // by person key: one row per person
        for (const auto& participant : report.participants) {
            if (participant.organiser) {
                ++summary.organisers;
                continue;
            }
            const auto [ticket, how] = matcher.match(participant);
            std::string identity;
            if (ticket != nullptr)
                identity = ticket->identity;
            else if (!participant.email.empty() || !participant.first_name.empty())
                identity = registration_identity(
                    {participant.first_name, participant.last_name, participant.email, ""});
            else
                identity = "nom:" + fold_name(participant.name);
            auto& person = people[keys.key(identity)];
            if (person.matched_by.empty()) {
                person = {ticket ? ticket->id : 0, std::string(how), participant.name,
                          participant.email, 0};
                ++summary.participants;
                ++(how == "email"  ? summary.matched_by_email
                   : how == "name" ? summary.matched_by_name
                                   : summary.unmatched);
            }
            person.minutes = std::min(length, person.minutes + participant.minutes);
        }

        SQLite::Statement previous(database_of(store),
                                   "SELECT file_hash, threshold_min, file_name, participants,"
                                   " present FROM online_attendance_imports WHERE session_id = ?1");
        previous.bind(1, session.value());
        std::string before;
        if (previous.executeStep()) {
            const auto column = previous.getColumn(0);
            const auto* bytes = static_cast<const unsigned char*>(column.getBlob());
            const bool same_file =
                std::equal(hash.begin(), hash.end(), bytes, bytes + column.getBytes());
            if (same_file && previous.getColumn(1).getInt() == summary.threshold_minutes) {
                summary.effect = ImportEffect::Unchanged;
                summary.present = previous.getColumn(4).getInt();
                return summary;
            }
            summary.effect = ImportEffect::Replaced;
            before = nlohmann::ordered_json{{"file", previous.getColumn(2).getString()},
                                            {"participants", previous.getColumn(3).getInt()},
                                            {"present", previous.getColumn(4).getInt()}}
                         .dump();
        }
        SQLite::Statement erase(database_of(store),
                                "DELETE FROM online_attendance WHERE session_id = ?1");
        erase.bind(1, session.value());
        erase.exec();
        SQLite::Statement insert(database_of(store),
                                 "INSERT INTO online_attendance (session_id, person_key, ticket_id,"
                                 " matched_by, name, email, minutes, present)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (const auto& [key, person] : people) {
            const bool present = person.minutes >= summary.threshold_minutes;
            summary.present += present ? 1 : 0;
            insert.bind(1, session.value());
            insert.bind(2, key.data(), static_cast<int>(key.size()));
            if (person.ticket != 0)
                insert.bind(3, person.ticket);
            else
                insert.bind(3);
            insert.bind(4, person.matched_by);
            insert.bind(5, person.name);
            insert.bind(6, person.email);
            insert.bind(7, person.minutes);
            insert.bind(8, present ? 1 : 0);
            insert.exec();
            insert.reset();
        }
        SQLite::Statement remember(
            database_of(store),
            "INSERT OR REPLACE INTO online_attendance_imports (session_id, file_hash, file_name,"
            " platform, threshold_min, participants, matched, present, imported_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        remember.bind(1, session.value());
        remember.bind(2, hash.data(), static_cast<int>(hash.size()));
        remember.bind(3, options.file_name.substr(0, 255));
        remember.bind(4, std::string(platform_code(report.platform)));
        remember.bind(5, summary.threshold_minutes);
        remember.bind(6, summary.participants);
        remember.bind(7, summary.matched_by_email + summary.matched_by_name);
        remember.bind(8, summary.present);
        remember.bind(9, unix_seconds(audit.at));
        remember.exec();
        record_audit(
            store,
            {0, audit.at, audit.by, "attendance.import_online", session.to_string(), before,
             nlohmann::ordered_json{{"session", session.to_string()},
                                    {"file", options.file_name},
                                    {"platform", platform_code(report.platform)},
                                    {"threshold_min", summary.threshold_minutes},
                                    {"participants", summary.participants},
                                    {"matched", summary.matched_by_email + summary.matched_by_name},
                                    {"unmatched", summary.unmatched},
                                    {"present", summary.present}}
                 .dump()});
        return summary;
    });
}

} // namespace kiosk
