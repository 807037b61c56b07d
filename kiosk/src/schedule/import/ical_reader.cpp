#include "base/time_zones.hpp"
#include "kiosk/base/sanitise.hpp"
#include "ical_event.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <set>
#include <variant>

namespace kiosk {
namespace {

struct Series {
    icalcomponent* master = nullptr;
    std::vector<icalcomponent*> moved; // occurrences with a RECURRENCE-ID
};

class CalendarReader {
public:
    CalendarReader(const ReadContext& context, const std::vector<ContentLine>& lines,
                   CalendarZone floating_zone)
        : context_(context)
        , lines_(lines)
        , floating_zone_(floating_zone)
    {
    }

    tl::expected<void, ImportError> read(icalcomponent* root);
    ReadSchedule& schedule() { return schedule_; }

private:
    tl::expected<void, ImportError> read_series(const std::string& uid, const Series& series);
    tl::expected<void, ImportError> emit(const std::string& uid, const Occurrence& occurrence);
    std::optional<ImportError> parse_error(icalcomponent* event);
    [[nodiscard]] int line_in_event(icalcomponent* event, std::string_view field) const;
    void skip(icalcomponent* event, std::string reason);
    void count_outside(const std::string& uid, icalcomponent* master, const Timing& timing,
                       const std::set<Instant>& moved);

    const ReadContext& context_;
    const std::vector<ContentLine>& lines_;
    CalendarZone floating_zone_;
    FileTimeZones file_zones_;
    ReadSchedule schedule_;
    int counted_by_walking_ = 0; // occurrences of rules counted outside the range, up to the cap
};

void collect_events(icalcomponent* component, std::vector<icalcomponent*>& events)
{
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         child; child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        const auto kind = icalcomponent_isa(child);
        if (kind == ICAL_VEVENT_COMPONENT)
            events.push_back(child);
        else if (kind == ICAL_VCALENDAR_COMPONENT)
            collect_events(child, events);
    }
}

std::string summary_of(icalcomponent* event)
{
    icalproperty* summary = icalcomponent_get_first_property(event, ICAL_SUMMARY_PROPERTY);
    return summary ? text_of(summary) : std::string();
}

std::string recurrence_suffix(Instant key) { return date::format("#%Y%m%dT%H%M%SZ", key); }

} // namespace

// The line of `field` directly inside `event` (not in its VALARMs).
int CalendarReader::line_in_event(icalcomponent* event, std::string_view field) const
{
    int depth = -1;
    for (const auto& content : lines_) {
        if (content.line < line_of(event))
            continue;
        const auto name = content.name();
        if (name == "BEGIN" && ++depth > 0)
            continue;
        if (name == "END" && depth-- == 0)
            break;
        if (depth == 0 && name == field)
            return content.line;
    }
    return line_of(event);
}

// libical drops a property it cannot read and leaves an X-LIC-ERROR in its place. Those about
// times and recurrences would change what is imported: refused. Others (an empty CLASS or
// DESCRIPTION, as Thunderbird writes them) lose nothing we use. X-LIC-ERRORs already in the
// file were dropped before parsing (see with_line_tags).
std::optional<ImportError> CalendarReader::parse_error(icalcomponent* event)
{
    static constexpr std::array<std::string_view, 8> decisive{
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "UID"};
    for (icalproperty* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
         error; error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
        const std::string message = icalproperty_get_xlicerror(error);
        // libical says "… in DTEND property …" or "No value for DTEND property".
        std::string field;
        for (const std::string_view before : {" in ", "for "}) {
            const auto at = message.find(before);
            const auto end = message.find(" property");
            if (at != std::string::npos && end != std::string::npos && end > at) {
                field = message.substr(at + before.size(), end - at - before.size());
                break;
            }
        }
        if (std::find(decisive.begin(), decisive.end(), field) == decisive.end())
            continue;
        const int line = line_of(error) != 0 ? line_of(error) : line_in_event(event, field);
        return ImportError{context_.file_name, line, field,
                           fmt::format("valeur illisible ({})", excerpt(message))};
    }
    return std::nullopt;
}

void CalendarReader::skip(icalcomponent* event, std::string reason)
{
    schedule_.skipped.push_back(
        ImportEntry{"", summary_of(event), std::nullopt, "", line_of(event), std::move(reason)});
}

// The occurrences of a recurring event outside the window expand_series looked at; those
// inside it are counted as they are emitted.
void CalendarReader::count_outside(const std::string& uid, icalcomponent* master,
                                   const Timing& timing, const std::set<Instant>& moved)
{
    auto& outside = schedule_.outside_range;
    const auto counted = count_outside_window(master, timing, file_zones_, moved,
                                              outside_range_cap - counted_by_walking_, context_);
    counted_by_walking_ += counted.occurrences;
    outside.occurrences += counted.occurrences;
    outside.at_least |= counted.capped;
    if (!counted.endless)
        return;
    icalproperty* location = icalcomponent_get_first_property(master, ICAL_LOCATION_PROPERTY);
    outside.endless.push_back(
        ImportEntry{imported_uid_prefix(context_.options.site) + uid, summary_of(master),
                    to_instant(timing.start), location ? text_of(location) : std::string(),
                    line_of(master), "se répète sans fin (RRULE sans COUNT ni UNTIL)"});
}

tl::expected<void, ImportError> CalendarReader::read(icalcomponent* root)
{
    std::vector<icalcomponent*> events;
    if (icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT)
        events.push_back(root);
    else
        collect_events(root, events);

    std::map<std::string, Series> series;
    std::vector<std::string> order;
    for (icalcomponent* event : events) {
        if (auto problem = parse_error(event))
            return tl::unexpected(*problem);
        icalproperty* uid_property = icalcomponent_get_first_property(event, ICAL_UID_PROPERTY);
        const std::string uid = uid_property ? text_of(uid_property) : std::string();
        if (uid.empty() || uid.size() > 255) {
            skip(event, uid.empty() ? "pas d'UID : l'import suivant ne pourrait pas le retrouver"
                                    : "UID de plus de 255 caractères");
            continue;
        }
        auto [found, inserted] = series.try_emplace(uid);
        if (inserted)
            order.push_back(uid);
        if (icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY)) {
            found->second.moved.push_back(event);
        } else if (found->second.master) {
            skip(event, fmt::format("UID « {} » déjà utilisé ligne {}", excerpt(uid),
                                    line_of(found->second.master)));
        } else {
            found->second.master = event;
        }
    }
    for (const auto& uid : order)
        if (auto done = read_series(uid, series[uid]); !done)
            return done;
    if (schedule_.sessions.size() > max_imported_sessions)
        return context_.error(0, "",
                              fmt::format("plus de {} sessions dans la période : "
                                          "réduisez-la (--from, --to)",
                                          max_imported_sessions));
    return {};
}

tl::expected<void, ImportError> CalendarReader::read_series(const std::string& uid,
                                                            const Series& series)
{
    std::map<Instant, Occurrence> occurrences;
    std::optional<Timing> master_timing;
    bool recurring = false;
    if (series.master) {
        auto timing = read_timing(series.master, ZoneLookup{floating_zone_, file_zones_},
                                  std::nullopt, std::nullopt, context_);
        if (!timing)
            return tl::unexpected(timing.error());
        if (auto* reason = std::get_if<std::string>(&*timing)) {
            skip(series.master, *reason);
            for (icalcomponent* moved : series.moved)
                skip(moved, *reason);
            return {};
        }
        master_timing = std::get<Timing>(*timing);
        recurring = icalcomponent_get_first_property(series.master, ICAL_RRULE_PROPERTY) ||
                    icalcomponent_get_first_property(series.master, ICAL_RDATE_PROPERTY);
        if (recurring) {
            if (auto done = expand_series(series.master, *master_timing, file_zones_, occurrences,
                                          context_);
                !done)
                return done;
        } else {
            occurrences.emplace(to_instant(master_timing->start),
                                Occurrence{to_instant(master_timing->start),
                                           master_timing->length,
                                           {series.master, nullptr}});
        }
    }
    const ZoneLookup series_zones{master_timing ? master_timing->start.zone : floating_zone_,
                                  file_zones_};
    std::set<Instant> moved_keys;
    for (icalcomponent* moved : series.moved) {
        icalproperty* property =
            icalcomponent_get_first_property(moved, ICAL_RECURRENCEID_PROPERTY);
        auto original =
            read_time(property, icalproperty_get_recurrenceid(property), series_zones, context_);
        if (!original)
            return tl::unexpected(original.error());
        if (original->form == StartForm::Date) {
            skip(moved, std::string(all_day_reason));
            continue;
        }
        auto timing = read_timing(
            moved, series_zones, *original,
            master_timing ? std::optional(master_timing->length) : std::nullopt, context_);
        if (!timing)
            return tl::unexpected(timing.error());
        const Instant key = to_instant(*original);
        moved_keys.insert(key);
        if (auto* reason = std::get_if<std::string>(&*timing)) {
            occurrences.erase(key);
            skip(moved, *reason);
            continue;
        }
        const auto& moved_timing = std::get<Timing>(*timing);
        occurrences.insert_or_assign(key, Occurrence{to_instant(moved_timing.start),
                                                     moved_timing.length,
                                                     {moved, series.master}});
    }
    if (recurring)
        count_outside(uid, series.master, *master_timing, moved_keys);
    for (const auto& [key, occurrence] : occurrences) {
        const bool single = master_timing && !recurring && key == to_instant(master_timing->start);
        if (auto done = emit(single ? uid : uid + recurrence_suffix(key), occurrence); !done)
            return done;
    }
    return {};
}

tl::expected<void, ImportError> CalendarReader::emit(const std::string& uid,
                                                     const Occurrence& occurrence)
{
    const auto& options = context_.options;
    if (occurrence.start < options.range_begin || occurrence.start >= options.range_end) {
        ++schedule_.outside_range.occurrences;
        return {};
    }
    auto mapped = map_event(occurrence.source, context_);
    if (!mapped)
        return tl::unexpected(mapped.error());
    Session& session = mapped->session;
    session.uid = imported_uid_prefix(options.site) + uid;
    session.start = occurrence.start;
    session.end = occurrence.start + occurrence.length;
    session.status = mapped->cancelled ? Status::Cancelled : Status::Scheduled;
    const int line = line_of(occurrence.source.event);
    const auto checked = complete_and_check(session, options);
    if (checked.fate == RecordFate::Skip) {
        schedule_.skipped.push_back(ImportEntry{session.uid, session.title, session.start,
                                                session.room, line, checked.message});
        return {};
    }
    if (checked.fate == RecordFate::Refuse) {
        for (const auto& [field, property] : mapped->origins)
            if (field == checked.field)
                return context_.error(line_of(property), property_name(property), checked.message);
        return context_.error(line, checked.field, checked.message);
    }
    schedule_.sessions.push_back(ImportedSession{std::move(session), line});
    return {};
}

tl::expected<ReadSchedule, ImportError> read_icalendar(std::string_view text,
                                                       const ReadContext& context)
{
    auto lines = read_content_lines(text);
    if (!lines)
        return context.error(lines.error().line, "", lines.error().message);

    // Google writes times without a zone and names the calendar's zone here.
    const date::time_zone* floating_zone = date::locate_zone("Europe/Paris");
    for (const auto& line : *lines) {
        if (line.name() != "X-WR-TIMEZONE")
            continue;
        const std::string_view value = std::string_view(line.text).substr(line.text.find(':') + 1);
        floating_zone = find_time_zone(value);
        if (!floating_zone)
            return context.error(line.line, "X-WR-TIMEZONE",
                                 fmt::format("fuseau horaire inconnu « {} »", excerpt(value)));
        break;
    }

    icalerror_set_errors_are_fatal(0);
    const std::string tagged = with_line_tags(*lines);
    std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> root(
        icalparser_parse_string(tagged.c_str()), &icalcomponent_free);
    if (!root)
        return context.error(0, "", "calendrier illisible");
    CalendarReader reader(context, *lines, CalendarZone(floating_zone));
    if (auto done = reader.read(root.get()); !done)
        return tl::unexpected(done.error());
    return std::move(reader.schedule());
}

} // namespace kiosk
