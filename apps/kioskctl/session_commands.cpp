#include "commands.hpp"
#include "kiosk/schedule/session_changes.hpp"
#include "kiosk/schedule/session_edit.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "session_output.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace kioskctl {
namespace {

// Every field a command may set; unset options leave the session as it is.
struct SessionOptions {
    std::string id;
    std::string site;
    std::optional<std::string> kind, title, start, end, room, trainer, url, organiser, tags,
        status;
    std::optional<int> capacity, delay_minutes;
};

void add_field_options(CLI::App& command, SessionOptions& options)
{
    command.add_option("--title", options.title, "titre");
    command.add_option("--start", options.start, "début, heure de Paris : \"AAAA-MM-JJ HH:MM\"");
    command.add_option("--end", options.end,
                       "fin : \"AAAA-MM-JJ HH:MM\", ou \"HH:MM\" le jour du début");
    command.add_option("--room", options.room, "salle");
    command.add_option("--capacity", options.capacity, "nombre de places");
    command.add_option("--trainer", options.trainer, "formateur ou formatrice");
    command.add_option("--url", options.url, "lien pour rejoindre une session en ligne");
    command.add_option("--organiser", options.organiser,
                       "organisateur d'une session privée (CCI, association…)");
    command.add_option("--tags", options.tags, "étiquettes séparées par des virgules");
}

kiosk::Kind parse_kind_option(const std::string& text)
{
    if (auto kind = kiosk::parse_kind(text))
        return *kind;
    throw UserError(
        fmt::format("--kind : type inconnu « {} » (atelier, live, coaching, privee)", text));
}

kiosk::Status parse_status_option(const std::string& text)
{
    if (auto status = kiosk::parse_status(text))
        return *status;
    throw UserError(fmt::format("--status : état inconnu « {} » (scheduled, delayed, "
                                "room_changed, full, cancelled)",
                                text));
}

kiosk::SessionChange change_of(const SessionOptions& options)
{
    kiosk::SessionChange change;
    if (options.kind)
        change.kind = parse_kind_option(*options.kind);
    change.title = options.title;
    if (options.start)
        change.start = parse_instant_option("--start", *options.start);
    // "--end 16:30" means 16:30 on the day the session starts.
    if (options.end && options.end->size() == 5 && (*options.end)[2] == ':')
        change.end_time_of_day = *options.end;
    else if (options.end)
        change.end = parse_instant_option("--end", *options.end);
    change.room = options.room;
    change.capacity = options.capacity;
    change.trainer = options.trainer;
    change.join_url = options.url;
    change.organiser = options.organiser;
    if (options.tags)
        change.tags = kiosk::split_tags(*options.tags);
    if (options.status)
        change.status = parse_status_option(*options.status);
    change.delay_minutes = options.delay_minutes;
    return change;
}

void apply(const SessionOptions& options, kiosk::Session& session, Context& context)
{
    const auto& config = context.config();
    if (auto problem = kiosk::apply(change_of(options), session, config ? &*config : nullptr))
        throw UserError(fmt::format("--{} : {}", problem->field, problem->message));
}

void check(const kiosk::Session& session)
{
    if (auto problem = kiosk::validate(session))
        throw UserError(fmt::format("--{} : {}", problem->field, problem->message));
}

void warn_about_room_conflicts(kiosk::SessionStore& sessions, const kiosk::Session& session)
{
    for (const auto& other : sessions.room_conflicts(session))
        fmt::print(stderr, "attention : {} est déjà réservée de {} à {} (« {} », {})\n",
                   session.room, kiosk::format_local_hm(other.effective_start()),
                   kiosk::format_local_hm(other.effective_end()), other.title,
                   other.id.to_string());
}

std::string site_or_national(Context& context, const std::string& option_value)
{
    return option_value == "national" ? "" : context.site(option_value);
}

void add_command(CLI::App& group, Context& context)
{
    auto options = std::make_shared<SessionOptions>();
    auto* add = group.add_subcommand("add", "ajoute une session et affiche son identifiant");
    add->add_option("--site", options->site,
                    "site, ou « national » pour une session en ligne de tout le réseau");
    add->add_option("--kind", options->kind, "atelier, live, coaching ou privee")->required();
    add_field_options(*add, *options);
    add->get_option("--title")->required();
    add->get_option("--start")->required();
    add->get_option("--end")->required();
    add->callback([options, &context] {
        kiosk::Session session;
        // Online sessions typed without a site, on a machine with no site configured, are
        // national; anything else names its site (or "national" explicitly).
        const bool online = options->kind && *options->kind != "atelier";
        const bool national = online && options->site.empty() && !context.config();
        if (!national)
            if (auto site = site_or_national(context, options->site); !site.empty())
                session.site = site;
        apply(*options, session, context);
        check(session);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::SessionStore sessions(store);
        const auto id = store.write([&] {
            session.id = sessions.add(session, context.now());
            context.audit(store, "session.add", session.id.to_string(), "",
                                        nlohmann::ordered_json(session).dump());
            return session.id;
        });
        warn_about_room_conflicts(sessions, session);
        fmt::print("{}\n", id.to_string());
    });
}

void update_command(CLI::App& group, Context& context)
{
    auto options = std::make_shared<SessionOptions>();
    auto* update = group.add_subcommand(
        "update", "corrige une session : déplacer, retarder, annuler, changer de salle…");
    update->add_option("id", options->id, "identifiant de la session")->required();
    update->add_option("--site", options->site, "site, ou « national »");
    update->add_option("--kind", options->kind, "atelier, live, coaching ou privee");
    add_field_options(*update, *options);
    update->add_option("--status", options->status,
                       "scheduled, delayed, room_changed, full ou cancelled");
    update->add_option("--delay-min", options->delay_minutes, "retard en minutes");
    update->callback([options, &context] {
        const auto id = parse_session_id(options->id);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::SessionStore sessions(store);
        const std::string said = store.write([&] {
            auto session = sessions.find(id);
            if (!session)
                throw UserError(fmt::format("aucune session {}", options->id));
            const kiosk::Session before = *session;
            if (!options->site.empty()) {
                const auto site = site_or_national(context, options->site);
                session->site = site.empty() ? std::nullopt : std::optional(site);
            }
            apply(*options, *session, context);
            check(*session);
            sessions.update(*session, context.now());
            context.audit(store, "session.update", id.to_string(),
                                        nlohmann::ordered_json(before).dump(),
                                        nlohmann::ordered_json(*session).dump());
            warn_about_room_conflicts(sessions, *session);
            return fmt::format("« {} » : {}", session->title, kiosk::describe_changes(before, *session));
        });
        fmt::print("{}\n", said);
    });
}

void remove_command(CLI::App& group, Context& context)
{
    struct RemoveOptions {
        std::string id;
    };
    auto options = std::make_shared<RemoveOptions>();
    auto* remove = group.add_subcommand(
        "remove", "supprime une session sans billets ni entrées (sinon : l'annuler)");
    remove->add_option("id", options->id, "identifiant de la session")->required();
    remove->callback([options, &context] {
        const auto session_id = parse_session_id(options->id);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::SessionStore sessions(store);
        const auto title = store.write([&] {
            const auto before = sessions.find(session_id);
            if (!before || !sessions.remove(session_id))
                throw UserError(fmt::format("aucune session {}", options->id));
            context.audit(store, "session.remove", session_id.to_string(),
                                        nlohmann::ordered_json(*before).dump(), "");
            return before->title;
        });
        fmt::print("« {} » supprimée\n", title);
    });
}

void list_command(CLI::App& group, Context& context)
{
    struct ListOptions {
        std::string site, date;
        bool json = false;
    };
    auto options = std::make_shared<ListOptions>();
    auto* list = group.add_subcommand(
        "list", "la journée d'un site et les sessions nationales, dans l'ordre, heures de Paris");
    list->add_option("--site", options->site, "site (défaut : celui de --config)");
    list->add_option("--date", options->date, "jour, AAAA-MM-JJ (défaut : aujourd'hui)");
    list->add_flag("--json", options->json, "sortie JSON");
    list->callback([options, &context] {
        const auto site = context.site(options->site);
        const auto day = options->date.empty() ? kiosk::local_day(context.now())
                                               : parse_day_option("--date", options->date);
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto sessions = kiosk::SessionStore(store).day(site, day);
        TicketCounts tickets;
        for (const auto& session : sessions)
            tickets[session.id.value()] = kiosk::TicketStore(store).valid_count(session.id);
        if (options->json)
            fmt::print("{}\n", day_as_json(site, day, sessions, tickets));
        else
            fmt::print("{}", day_as_table(site, day, sessions, tickets));
    });
}

} // namespace

void add_session_commands(CLI::App& app, Context& context)
{
    auto* session = app.add_subcommand("session", "les sessions du jour : ajouter, corriger, lire");
    session->require_subcommand(1);
    add_command(*session, context);
    update_command(*session, context);
    remove_command(*session, context);
    list_command(*session, context);
}

} // namespace kioskctl
