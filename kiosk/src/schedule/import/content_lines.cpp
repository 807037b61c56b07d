#include "content_lines.hpp"

#include <fmt/format.h>

namespace kiosk {
namespace {

bool is_name_character(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// Length of the UTF-8 sequence starting at `at`, or 0 when it is not valid UTF-8.
std::size_t utf8_sequence(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned minimum = 0;
    unsigned value = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, minimum = 0x80, value = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, minimum = 0x800, value = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, minimum = 0x10000, value = lead & 0x07u;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (byte(at + i) & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    return length;
}

enum class LineBreaks { Refused, Allowed };

// Valid UTF-8 with no control character but tabs (and line breaks where allowed).
bool is_text(std::string_view text, LineBreaks line_breaks)
{
    for (std::size_t at = 0; at < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[at]);
        const bool line_break = c == '\n' || c == '\r';
        if (c < 0x20 && c != '\t' && !(line_break && line_breaks == LineBreaks::Allowed))
            return false;
        const std::size_t length = utf8_sequence(text, at);
        if (length == 0)
            return false;
        at += length;
    }
    return true;
}

} // namespace

bool is_utf8_text(std::string_view text)
{
    return is_text(text, LineBreaks::Allowed);
}

namespace {

std::string_view value_of(std::string_view text)
{
    const auto colon = text.find(':');
    return colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
}

} // namespace

std::string_view ContentLine::name() const
{
    std::size_t end = 0;
    while (end < text.size() && is_name_character(text[end]))
        ++end;
    return std::string_view(text).substr(0, end);
}

tl::expected<std::vector<ContentLine>, LineProblem> read_content_lines(std::string_view raw)
{
    if (raw.starts_with("\xEF\xBB\xBF"))
        raw.remove_prefix(3);
    if (raw.find('\0') != std::string_view::npos)
        return tl::unexpected(
            LineProblem{0, "fichier binaire (octets nuls) : ce n'est pas un calendrier"});

    std::vector<ContentLine> lines;
    int number = 0;
    while (!raw.empty()) {
        ++number;
        const auto end = raw.find('\n');
        std::string_view physical = raw.substr(0, end);
        raw.remove_prefix(end == std::string_view::npos ? raw.size() : end + 1);
        if (physical.ends_with('\r'))
            physical.remove_suffix(1);
        const bool continued =
            !physical.empty() && (physical.front() == ' ' || physical.front() == '\t');
        if (continued && lines.empty())
            return tl::unexpected(
                LineProblem{number, "ligne de continuation sans ligne à continuer"});
        // Refused as soon as a content line passes the bound, before it is built whole.
        const std::size_t length =
            continued ? lines.back().text.size() + physical.size() - 1 : physical.size();
        if (length > longest_content_line)
            return tl::unexpected(LineProblem{
                continued ? lines.back().line : number,
                fmt::format("ligne de plus de {} Ko : un calendrier de sessions n'en a pas "
                            "d'aussi longue (pièce jointe incluse ?)",
                            longest_content_line / 1024)});
        if (continued) {
            lines.back().text.append(physical.substr(1));
            continue;
        }
        if (physical.empty())
            continue;
        lines.push_back(ContentLine{std::string(physical), number});
    }

    std::vector<const ContentLine*> open;
    for (const auto& line : lines) {
        if (!is_text(line.text, LineBreaks::Refused))
            return tl::unexpected(LineProblem{
                line.line, "texte illisible : ni UTF-8 valide, ni caractères imprimables"});
        const auto name = line.name();
        const char after = name.size() < line.text.size() ? line.text[name.size()] : '\0';
        if (name.empty() || (after != ':' && after != ';') ||
            line.text.find(':') == std::string::npos)
            return tl::unexpected(LineProblem{
                line.line,
                fmt::format("ligne illisible « {:.40} » : attendu NOM:valeur", line.text)});
        if (line.text.starts_with("BEGIN:")) {
            if (open.empty() && line.text != "BEGIN:VCALENDAR")
                return tl::unexpected(
                    LineProblem{line.line, "ce n'est pas un calendrier : BEGIN:VCALENDAR attendu"});
            if (open.size() >= 20)
                return tl::unexpected(LineProblem{line.line, "composants imbriqués trop profond"});
            open.push_back(&line);
        } else if (line.text.starts_with("END:")) {
            if (open.empty() || value_of(open.back()->text) != value_of(line.text))
                return tl::unexpected(LineProblem{
                    line.line, open.empty()
                                   ? fmt::format("{} sans BEGIN", line.text)
                                   : fmt::format("{} attendu, trouvé {}",
                                                 "END:" + std::string(value_of(open.back()->text)),
                                                 line.text)});
            open.pop_back();
        } else if (open.empty()) {
            return tl::unexpected(
                LineProblem{line.line, "ce n'est pas un calendrier : BEGIN:VCALENDAR attendu"});
        }
    }
    if (lines.empty())
        return tl::unexpected(LineProblem{0, "fichier vide"});
    if (!open.empty())
        return tl::unexpected(
            LineProblem{open.back()->line,
                        fmt::format("fichier tronqué : {} n'est jamais fermé (END:{} manquant)",
                                    open.back()->text, value_of(open.back()->text))});
    return lines;
}

std::string with_line_tags(const std::vector<ContentLine>& lines)
{
    std::string text;
    for (const auto& line : lines) {
        const auto name = line.name();
        if (name == "BEGIN") {
            text += fmt::format("{}\r\n{}:{}\r\n", line.text, line_tag, line.line);
        } else if (name == "X-LIC-ERROR") {
            continue; // a note left by an earlier program; ours must be the only ones
        } else if (name == "END") {
            text += line.text + "\r\n";
        } else {
            text += fmt::format("{};{}={}{}\r\n", name, line_tag, line.line,
                                std::string_view(line.text).substr(name.size()));
        }
    }
    return text;
}

} // namespace kiosk
