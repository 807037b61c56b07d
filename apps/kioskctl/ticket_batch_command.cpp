#include "commands.hpp"
#include "kiosk/base/csv.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_print/output_file.hpp"
#include "ticket_commands.hpp"

#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace kioskctl {
namespace {

struct BatchOptions {
    std::string session, csv, key, out_dir, fonts, paper = "a6";
    std::vector<std::string> formats{"png", "pdf"};
    bool over_capacity = false;
};

std::string read_whole_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw UserError(fmt::format("{} : fichier introuvable ou illisible", path));
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// A file name people can read, the same on every run for the same ticket.
std::string file_stem(const kiosk::Registration& holder, kiosk::TicketId id)
{
    std::string slug;
    for (const char c : kiosk::fold_name(holder.first_name + ' ' + holder.last_name)) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) && byte < 0x80)
            slug += c;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return fmt::format("billet-{}{}{}", slug, slug.empty() ? "" : "-", id.to_string());
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

void run_batch(const BatchOptions& options, Context& context)
{
    const auto session_id = parse_session_id(options.session);
    const auto paper = parse_paper(options.paper);
    std::set<std::string> formats;
    for (const auto& format : options.formats) {
        if (format != "png" && format != "svg" && format != "pdf")
            throw UserError(fmt::format("--formats : « {} » inconnu (png, svg, pdf)", format));
        formats.insert(format);
    }
    const auto text = read_whole_file(options.csv);
    const auto rows = kiosk::read_registrations_csv(text);
    if (!rows) {
        const auto& problem = rows.error();
        std::string where = options.csv;
        if (problem.line > 0)
            where += fmt::format(":{}", problem.line);
        if (problem.column > 0)
            where += fmt::format(":{}", problem.column);
        // The message names the field already ("adresse e-mail invalide", "prénom trop long").
        throw UserError(
            fmt::format("lot refusé, rien n'a changé : {} : {}", where, problem.message));
    }
    auto key = kiosk::SigningKey::load(options.key);
    if (!key)
        throw UserError(key.error());
    const auto fonts = load_fonts(options.fonts);
    auto store = context.open_store(kiosk::Access::ReadWrite);
    if (!kiosk::SessionStore(store).find(session_id))
        throw UserError(fmt::format("lot refusé, rien n'a changé : aucune session {}",
                                    session_id.to_string()));
    const std::filesystem::path out_dir = options.out_dir;
    try {
        kiosk_print::check_writable_directory(out_dir);
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(fmt::format("lot refusé, rien n'a changé : {}", error.what()));
    }

    std::vector<kiosk::Registration> registrations;
    for (const auto& row : *rows)
        registrations.push_back(row.registration);
    // The database first, in one transaction; files only once it committed. A failure while
    // writing them leaves the tickets issued: the same command again writes them all.
    const auto issued = kiosk::TicketStore(store).issue_for(
        session_id, registrations, *key, context.now(), kiosk::WhenRevoked::Skip,
        options.over_capacity ? kiosk::Seats::OverCapacity : kiosk::Seats::WithinCapacity);
    if (!issued)
        throw UserError(fmt::format("lot refusé, rien n'a changé : {}", issued.error()));
    warn_over_capacity(store, session_id);
    const auto session = kiosk::SessionStore(store).find(session_id);

    std::string index = "ligne;prenom;nom;email;billet;statut;png;svg;pdf;payload\n";
    int counts[3] = {0, 0, 0};
    for (std::size_t i = 0; i < issued->size(); ++i) {
        const auto& ticket = (*issued)[i];
        const auto& holder = registrations[i];
        ++counts[static_cast<int>(ticket.issue)];
        TicketFiles files;
        files.paper = paper;
        if (ticket.issue != kiosk::Issue::Revoked) {
            const auto stem = file_stem(holder, ticket.id);
            for (const auto& format : formats)
                (format == "png" ? files.png : format == "svg" ? files.svg : files.pdf) =
                    out_dir / (stem + '.' + format);
            write_printed(render_ticket(ticket_text(*session, ticket.payload, ticket.id,
                                                    holder.first_name),
                                        files, fonts),
                          files);
        }
        index += fmt::format("{};{};{};{};{};{};{};{};{};{}\n", (*rows)[i].line,
                             kiosk::csv_cell(holder.first_name, ';'), kiosk::csv_cell(holder.last_name, ';'),
                             kiosk::csv_cell(holder.email, ';'), ticket.id.to_string(),
                             status_word(ticket.issue), kiosk::csv_cell(files.png.filename().string(), ';'),
                             kiosk::csv_cell(files.svg.filename().string(), ';'),
                             kiosk::csv_cell(files.pdf.filename().string(), ';'), ticket.payload);
    }
    try {
        kiosk_print::write_file_atomically(out_dir / "index.csv", index);
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }
    fmt::print("{} inscriptions : {} billets émis, {} déjà émis, {} révoqués (ignorés) ; "
               "fichiers et index.csv dans {}\n",
               issued->size(), counts[0], counts[1], counts[2], out_dir.string());
}

} // namespace

void add_ticket_batch_command(CLI::App& group, Context& context)
{
    auto options = std::make_shared<BatchOptions>();
    auto* batch = group.add_subcommand(
        "issue-batch", "émet les billets d'une liste d'inscrits (CSV) : tout ou rien ; une "
                       "personne déjà servie ne reçoit pas de second billet");
    batch->add_option("--session", options->session, "identifiant de la session")->required();
    batch->add_option("--csv", options->csv, "inscriptions : colonnes prenom, nom, email, note")
        ->required();
    batch->add_option("--key", options->key, "fichier de la clé de signature")->required();
    batch->add_option("--out-dir", options->out_dir, "dossier des billets et de index.csv")
        ->required();
    batch->add_option("--formats", options->formats, "png, svg, pdf (défaut : png,pdf)")
        ->delimiter(',');
    batch->add_option("--paper", options->paper, "format du PDF : a6 (défaut) ou a4");
    batch->add_option("--fonts", options->fonts, "dossier des polices (défaut : celles du programme)");
    batch->add_flag("--over-capacity", options->over_capacity,
                    "émettre même au-delà des places de la session (dit de combien)");
    batch->callback([options, &context] { run_batch(*options, context); });
}

} // namespace kioskctl
