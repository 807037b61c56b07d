#include "schedule/import/recurrence.hpp"
#include "kiosk/base/sanitise.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <libical/ical.h>
#include <memory>
#include <optional>

namespace kiosk {
namespace {

icaltimetype to_ical(LocalTime time, StartForm form)
{
    const auto day = date::floor<date::days>(time);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss clock{time - day};
    icaltimetype value = icaltime_null_time();
    value.year = static_cast<int>(ymd.year());
    value.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    value.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    value.is_date = form == StartForm::Date ? 1 : 0;
    if (form == StartForm::DateTime) {
        value.hour = static_cast<int>(clock.hours().count());
        value.minute = static_cast<int>(clock.minutes().count());
        value.second = static_cast<int>(clock.seconds().count());
    }
    return value;
}

LocalTime from_ical(const icaltimetype& value)
{
    const date::year_month_day ymd{date::year{value.year},
                                   date::month{static_cast<unsigned>(value.month)},
                                   date::day{static_cast<unsigned>(value.day)}};
    LocalTime time = date::local_days{ymd};
    if (!value.is_date)
        time += std::chrono::hours{value.hour} + std::chrono::minutes{value.minute} +
                std::chrono::seconds{value.second};
    return time;
}

tl::unexpected<RecurrenceError> failure(RecurrenceProblem problem, std::string message)
{
    return tl::unexpected(RecurrenceError{problem, std::move(message)});
}

// libical compares a UTC UNTIL with floating occurrences as if they were UTC; bring it to the
// wall clock of DTSTART first, so the last workshop before UNTIL is neither lost nor added.
void until_to_wall_clock(icalrecurrencetype& rule, const RecurrenceRequest& request)
{
    if (icaltime_is_null_time(rule.until))
        return;
    if (icaltime_is_utc(rule.until) && !rule.until.is_date) {
        const auto utc =
            date::sys_days{date::year_month_day{
                date::year{rule.until.year}, date::month{static_cast<unsigned>(rule.until.month)},
                date::day{static_cast<unsigned>(rule.until.day)}}} +
            std::chrono::hours{rule.until.hour} + std::chrono::minutes{rule.until.minute} +
            std::chrono::seconds{rule.until.second};
        rule.until = to_ical(request.zone.to_local(utc), StartForm::DateTime);
    }
    rule.until.zone = nullptr;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return parts;
        text.remove_prefix(at + 1);
    }
}

std::optional<std::string> unsupported_part(std::string_view rule, StartForm form)
{
    std::string_view frequency;
    bool has_by_part = false, has_time_part = false, negative_month_day = false;
    for (const auto part : split(rule, ';')) {
        const auto equal = part.find('=');
        const auto name = part.substr(0, equal);
        const auto value =
            equal == std::string_view::npos ? std::string_view{} : part.substr(equal + 1);
        if (name == "FREQ")
            frequency = value;
        if (!name.starts_with("BY"))
            continue;
        has_by_part = true;
        has_time_part |= name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND";
        negative_month_day |= name == "BYMONTHDAY" && value.find('-') != std::string_view::npos;
        if (name == "BYWEEKNO")
            return "BYWEEKNO (numéros de semaine)";
        auto values = split(value, ',');
        if (name == "BYSETPOS" && values.size() > 1)
            return "BYSETPOS à plusieurs positions";
        std::sort(values.begin(), values.end());
        if (std::adjacent_find(values.begin(), values.end()) != values.end())
            return fmt::format("valeur répétée dans {}", name);
    }
    if (has_by_part &&
        (frequency == "HOURLY" || frequency == "MINUTELY" || frequency == "SECONDLY"))
        return "BY… dans une règle à l'heure, à la minute ou à la seconde";
    if (frequency == "DAILY" && negative_month_day)
        return "BYMONTHDAY négatif dans une règle quotidienne";
    if (form == StartForm::Date && has_time_part)
        return "BYHOUR, BYMINUTE ou BYSECOND pour un événement sans heure";
    return std::nullopt;
}

} // namespace

tl::expected<std::vector<LocalTime>, RecurrenceError>
expand_recurrence(const RecurrenceRequest& request)
{
    icalerror_clear_errno();
    icalrecurrencetype rule = icalrecurrencetype_from_string(std::string(request.rule).c_str());
    if (rule.freq == ICAL_NO_RECURRENCE)
        return failure(RecurrenceProblem::Invalid,
                       fmt::format("règle de récurrence illisible « {} »", excerpt(request.rule)));
    if (auto part = unsupported_part(request.rule, request.form))
        return failure(RecurrenceProblem::Unsupported,
                       fmt::format("règle de récurrence non prise en charge : {}", *part));
    until_to_wall_clock(rule, request);
    if (!icaltime_is_null_time(rule.until)) {
        const LocalTime until = from_ical(rule.until);
        const LocalTime first =
            rule.until.is_date ? date::floor<date::days>(request.start) : request.start;
        if (until < first)
            return failure(RecurrenceProblem::UntilBeforeStart,
                           "UNTIL est avant DTSTART : la règle ne produit aucune occurrence");
    }

    const icaltimetype start = to_ical(request.start, request.form);
    std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> iterator(
        icalrecur_iterator_new(rule, start), &icalrecur_iterator_free);
    if (!iterator)
        return failure(RecurrenceProblem::Invalid,
                       fmt::format("règle de récurrence impossible, sans occurrence valable « {} »",
                                   excerpt(request.rule)));
    // Jump close to the window when the rule allows it (libical refuses with COUNT), so an
    // old daily series does not walk through years of past occurrences.
    if (rule.count == 0 && request.window_begin > request.start + date::days{1})
        icalrecur_iterator_set_start(iterator.get(),
                                     to_ical(request.window_begin - date::days{1}, request.form));

    std::vector<LocalTime> occurrences;
    std::size_t steps = 0;
    for (icaltimetype next = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(next);
         next = icalrecur_iterator_next(iterator.get())) {
        if (++steps > request.limits.max_steps)
            return failure(RecurrenceProblem::TooManySteps,
                           fmt::format("la règle demande de parcourir plus de {} occurrences",
                                       request.limits.max_steps));
        const LocalTime occurrence = from_ical(next);
        if (occurrence >= request.window_end)
            break;
        if (occurrence < request.window_begin)
            continue;
        occurrences.push_back(occurrence);
        if (occurrences.size() > request.limits.max_instances)
            return failure(RecurrenceProblem::TooManyInstances,
                           fmt::format("la règle produit plus de {} occurrences dans la période",
                                       request.limits.max_instances));
    }
    return occurrences;
}

OutsideWindow occurrences_outside(const RecurrenceRequest& request, std::size_t cap)
{
    OutsideWindow outside;
    icalrecurrencetype rule = icalrecurrencetype_from_string(std::string(request.rule).c_str());
    if (rule.freq == ICAL_NO_RECURRENCE || unsupported_part(request.rule, request.form))
        return outside;
    until_to_wall_clock(rule, request);
    outside.endless = rule.count == 0 && icaltime_is_null_time(rule.until);
    std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> iterator(
        icalrecur_iterator_new(rule, to_ical(request.start, request.form)),
        &icalrecur_iterator_free);
    if (!iterator)
        return outside;
    // Those inside the window are walked through too; expand_recurrence keeps at most
    // max_instances of them.
    const std::size_t max_steps = cap + request.limits.max_instances + 1;
    std::size_t steps = 0;
    for (icaltimetype next = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(next);
         next = icalrecur_iterator_next(iterator.get())) {
        const LocalTime occurrence = from_ical(next);
        if (occurrence >= request.window_end && outside.endless)
            break;
        if (occurrence >= request.window_begin && occurrence < request.window_end) {
            if (++steps > max_steps)
                break;
            continue;
        }
        if (outside.starts.size() >= cap) {
            outside.capped = true;
            break;
        }
        outside.starts.push_back(occurrence);
    }
    return outside;
}

} // namespace kiosk
