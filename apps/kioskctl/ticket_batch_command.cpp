#include "commands.hpp"
#include "kiosk/base/csv.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/tickets/ticket_batch.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_print/output_file.hpp"
#include "ticket_commands.hpp"

#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace kioskctl {
namespace {

struct BatchOptions {
    std::string session, csv, key, out_dir, fonts, paper = "a6", pdf_sheet;
    std::vector<std::string> formats{"png", "pdf"};
    bool over_capacity = false;
};

constexpr std::string_view refused = "lot refusé, rien n'a changé : ";

std::string read_registrations_file(const std::string& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    // Told before reading: a wrong file of gigabytes is not loaded to be refused.
    if (!error && size > kiosk::max_registrations_file_bytes)
        throw UserError(fmt::format("{}{} : fichier trop gros : {} octets, {} au plus", refused,
                                    path, size, kiosk::max_registrations_file_bytes));
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw UserError(fmt::format("{} : fichier introuvable ou illisible", path));
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Every problem, each as file:line:column, the way compilers say it.
UserError refusal(const std::string& csv, const std::vector<kiosk::CsvProblem>& problems)
{
    const auto said = [&](const kiosk::CsvProblem& problem) {
        std::string where = csv;
        if (problem.line > 0)
            where += fmt::format(":{}", problem.line);
        if (problem.column > 0)
            where += fmt::format(":{}", problem.column);
        // The message names the field already ("adresse e-mail invalide", "prénom trop long").
        return fmt::format("{} : {}", where, problem.message);
    };
    if (problems.size() == 1)
        return UserError(fmt::format("{}{}", refused, said(problems.front())));
    std::string text = fmt::format("{}{} problèmes dans {} :", refused, problems.size(), csv);
    for (const auto& problem : problems)
        text += '\n' + said(problem);
    return UserError(text);
}

std::string_view status_word(kiosk::Issue issue)
{
    switch (issue) {
    case kiosk::Issue::Issued:
        return "nouveau";
    case kiosk::Issue::AlreadyIssued:
        return "deja_emis";
    case kiosk::Issue::Revoked:
        return "revoque";
    }
    return "";
}

struct IssuedGroup {
    kiosk::SessionRows rows;
    std::vector<kiosk::RegistrationTicket> tickets; // one per row, in the same order
    int counts[3] = {0, 0, 0};                      // by kiosk::Issue
};

// What the audit trail keeps of a run: how many registrations, and per session what was done.
std::string audit_summary(const std::vector<IssuedGroup>& groups, std::size_t registrations)
{
    auto sessions = nlohmann::ordered_json::array();
    for (const auto& group : groups)
        sessions.push_back({{"session", group.rows.session.id.to_string()},
                            {"issued", group.counts[0]},
                            {"already_issued", group.counts[1]},
                            {"revoked", group.counts[2]}});
    return nlohmann::ordered_json{{"registrations", registrations}, {"sessions", sessions}}.dump();
}

void run_batch(const BatchOptions& options, Context& context)
{
    const auto paper = parse_paper(options.paper);
    std::set<std::string> formats;
    for (const auto& format : options.formats) {
        if (format != "png" && format != "svg" && format != "pdf")
            throw UserError(fmt::format("--formats : « {} » inconnu (png, svg, pdf)", format));
        formats.insert(format);
    }
    std::optional<kiosk::SessionId> default_id;
    if (!options.session.empty())
        default_id = parse_session_id(options.session);
    const auto sheet = kiosk::read_registration_sheet(read_registrations_file(options.csv));
    auto key = kiosk::SigningKey::load(options.key);
    if (!key)
        throw UserError(key.error());
    const auto fonts = load_fonts(options.fonts);
    auto store = context.open_store(kiosk::Access::ReadWrite);
    std::optional<kiosk::Session> default_session;
    if (default_id) {
        default_session = kiosk::SessionStore(store).find(*default_id);
        if (!default_session)
            throw UserError(fmt::format("{}aucune session {}", refused, default_id->to_string()));
    }
    const std::filesystem::path out_dir = options.out_dir;
    try {
        kiosk_print::check_writable_directory(out_dir);
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(fmt::format("{}{}", refused, error.what()));
    }
    check_parent_writable(options.pdf_sheet);

    const auto seats =
        options.over_capacity ? kiosk::Seats::OverCapacity : kiosk::Seats::WithinCapacity;
    // The database first, in one transaction with its audit row; files only once it committed.
    // A failure while writing them leaves the tickets issued: the same command again writes
    // them all.
    const auto groups = store.write([&] {
        auto plan =
            kiosk::plan_batch(store, sheet, default_session, kiosk::WhenRevoked::Skip, seats);
        if (!plan.problems.empty())
            throw refusal(options.csv, plan.problems);
        std::vector<IssuedGroup> issued_groups;
        for (auto& rows : plan.sessions) {
            std::vector<kiosk::Registration> registrations;
            for (const auto r : rows.rows)
                registrations.push_back(sheet.rows[r].registration);
            auto issued =
                kiosk::TicketStore(store).issue_for(rows.session.id, registrations, *key,
                                                    context.now(), kiosk::WhenRevoked::Skip, seats);
            if (!issued)
                throw UserError(
                    fmt::format("{}« {} » : {}", refused, rows.session.title, issued.error()));
            IssuedGroup group{std::move(rows), std::move(*issued)};
            for (const auto& ticket : group.tickets)
                ++group.counts[static_cast<int>(ticket.issue)];
            issued_groups.push_back(std::move(group));
        }
        context.audit(store, "ticket.issue_batch",
                      std::filesystem::path(options.csv).filename().string(), "",
                      audit_summary(issued_groups, sheet.rows.size()));
        return issued_groups;
    });

    // Each row of the file with its session (as it is now) and its ticket.
    struct Issued {
        const kiosk::Session* session = nullptr;
        const kiosk::RegistrationTicket* ticket = nullptr;
    };
    std::vector<Issued> by_row(sheet.rows.size());
    std::vector<kiosk::Session> sessions;
    sessions.reserve(groups.size());
    for (const auto& group : groups) {
        if (options.over_capacity)
            warn_over_capacity(store, group.rows.session.id);
        sessions.push_back(
            kiosk::SessionStore(store).find(group.rows.session.id).value_or(group.rows.session));
        for (std::size_t i = 0; i < group.rows.rows.size(); ++i)
            by_row[group.rows.rows[i]] = {&sessions.back(), &group.tickets[i]};
    }

    // A file with a session column gets one in its index too: the session's id.
    const bool several = sheet.session_column > 0;
    std::string index = several
                            ? "ligne;session;prenom;nom;email;billet;statut;png;svg;pdf;payload\n"
                            : "ligne;prenom;nom;email;billet;statut;png;svg;pdf;payload\n";
    std::vector<kiosk_print::TicketText> sheet_tickets;
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        const auto& [session, ticket] = by_row[r];
        const auto& row = sheet.rows[r];
        const auto& holder = row.registration;
        TicketFiles files;
        files.paper = paper;
        if (ticket->issue != kiosk::Issue::Revoked) {
            const auto stem = ticket_file_stem(holder.first_name, holder.last_name, ticket->id);
            for (const auto& format : formats)
                (format == "png" ? files.png : format == "svg" ? files.svg : files.pdf) =
                    out_dir / (stem + '.' + format);
            auto text = ticket_text(*session, ticket->payload, ticket->id, holder.first_name);
            write_printed(render_ticket(text, files, fonts), files);
            if (!options.pdf_sheet.empty())
                sheet_tickets.push_back(std::move(text));
        }
        index += fmt::format(
            "{};{}{};{};{};{};{};{};{};{};{}\n", row.line,
            several ? session->id.to_string() + ';' : std::string(),
            kiosk::csv_cell(holder.first_name, ';'), kiosk::csv_cell(holder.last_name, ';'),
            kiosk::csv_cell(holder.email, ';'), ticket->id.to_string(), status_word(ticket->issue),
            kiosk::csv_cell(files.png.filename().string(), ';'),
            kiosk::csv_cell(files.svg.filename().string(), ';'),
            kiosk::csv_cell(files.pdf.filename().string(), ';'), ticket->payload);
    }
    try {
        kiosk_print::write_file_atomically(out_dir / "index.csv", index);
        if (!sheet_tickets.empty())
            kiosk_print::write_file_atomically(
                options.pdf_sheet, kiosk_print::tickets_sheet_pdf(sheet_tickets, fonts));
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }

    int counts[3] = {0, 0, 0};
    for (const auto& group : groups) {
        for (int i = 0; i < 3; ++i)
            counts[i] += group.counts[i];
        if (groups.size() > 1)
            fmt::print("« {} » ({}) : {} billets émis, {} déjà émis, {} révoqués\n",
                       group.rows.session.title, group.rows.session.id.to_string(), group.counts[0],
                       group.counts[1], group.counts[2]);
    }
    fmt::print("{} inscriptions : {} billets émis, {} déjà émis, {} révoqués (ignorés) ; "
               "fichiers et index.csv dans {}\n",
               sheet.rows.size(), counts[0], counts[1], counts[2], out_dir.string());
    if (!options.pdf_sheet.empty())
        fmt::print("{}", sheet_tickets.empty()
                             ? fmt::format("aucun billet à imprimer : {} n'est pas écrite\n",
                                           options.pdf_sheet)
                             : fmt::format("planche : {} billets sur {} pages A4 dans {}\n",
                                           sheet_tickets.size(), (sheet_tickets.size() + 3) / 4,
                                           options.pdf_sheet));
}

} // namespace

void add_ticket_batch_command(CLI::App& group, Context& context)
{
    auto options = std::make_shared<BatchOptions>();
    auto* batch = group.add_subcommand(
        "issue-batch", "émet les billets d'une liste d'inscrits (CSV), pour une ou plusieurs "
                       "sessions : tout ou rien ; une personne déjà servie ne reçoit pas de "
                       "second billet");
    batch->add_option("--session", options->session,
                      "identifiant de la session des lignes qui n'en nomment pas (sans colonne "
                      "session, ou cellule vide)");
    batch
        ->add_option("--csv", options->csv,
                     "inscriptions : colonnes prenom, nom, email, note, session")
        ->required();
    batch->add_option("--key", options->key, "fichier de la clé de signature")->required();
    batch->add_option("--out-dir", options->out_dir, "dossier des billets et de index.csv")
        ->required();
    batch->add_option("--formats", options->formats, "png, svg, pdf (défaut : png,pdf)")
        ->delimiter(',');
    batch->add_option("--paper", options->paper, "format du PDF : a6 (défaut) ou a4");
    batch->add_option("--pdf-sheet", options->pdf_sheet,
                      "un PDF de tous les billets, quatre A6 par page A4 avec traits de coupe");
    batch->add_option("--fonts", options->fonts, "dossier des polices (défaut : celles du programme)");
    batch->add_flag("--over-capacity", options->over_capacity,
                    "émettre même au-delà des places de chaque session (dit de combien)");
    batch->callback([options, &context] { run_batch(*options, context); });
}

} // namespace kioskctl
