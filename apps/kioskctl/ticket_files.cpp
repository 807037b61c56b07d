#include "ticket_files.hpp"

#include "context.hpp"
#include "kiosk/base/sanitise.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk_print/output_file.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace kioskctl {

RenderedTicket render_ticket(const kiosk_print::TicketText& text, const TicketFiles& wanted,
                             const kiosk_print::Fonts& fonts)
{
    RenderedTicket rendered;
    if (!wanted.png.empty())
        rendered.png = kiosk_print::ticket_png(text, fonts);
    if (!wanted.svg.empty())
        rendered.svg = kiosk_print::ticket_svg(text, fonts);
    if (!wanted.pdf.empty())
        rendered.pdf = kiosk_print::ticket_pdf(text, fonts, wanted.paper);
    return rendered;
}

void write_ticket(const RenderedTicket& rendered, const TicketFiles& files)
{
    if (!files.png.empty())
        kiosk_print::write_file_atomically(files.png, rendered.png);
    if (!files.svg.empty())
        kiosk_print::write_file_atomically(files.svg, rendered.svg);
    if (!files.pdf.empty())
        kiosk_print::write_file_atomically(files.pdf, rendered.pdf);
}

kiosk_print::Paper parse_paper(const std::string& value)
{
    if (value == "a6")
        return kiosk_print::Paper::A6;
    if (value == "a4")
        return kiosk_print::Paper::A4WithCutMarks;
    throw UserError(fmt::format("--paper : « {} » inconnu (a6, ou a4 avec traits de coupe)", value));
}

std::string ticket_file_stem(const std::string& first_name, const std::string& last_name,
                             kiosk::TicketId id)
{
    // Two names of 100 characters each could pass the 255 bytes a file name may have.
    constexpr std::size_t most_name_bytes = 120;
    const auto name = kiosk::file_name_part(first_name + ' ' + last_name, most_name_bytes);
    return fmt::format("billet-{}{}{}", name, name.empty() ? "" : "-", id.to_string());
}

void check_parent_writable(const std::filesystem::path& file)
{
    if (file.empty())
        return;
    try {
        kiosk_print::check_writable_directory(file.has_parent_path() ? file.parent_path() : ".");
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }
}

} // namespace kioskctl
