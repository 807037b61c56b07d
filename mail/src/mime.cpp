#include "kiosk_mail/mime.hpp"

#include <array>
#include <date/tz.h>
#include <fmt/format.h>
#include <functional>

namespace kiosk_mail {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool plain_header_text(std::string_view text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7E)
            return false;
    }
    // "=?" would read as the start of an encoded word.
    return text.find("=?") == std::string_view::npos;
}

// The length of the longest prefix of `text` of at most `limit` bytes that does not cut a
// UTF-8 sequence.
std::size_t utf8_prefix(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit)
        return text.size();
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return end == 0 ? limit : end;
}

// Header text: no line breaks, whatever the data said (a title cannot add a header).
std::string one_line(std::string_view text)
{
    std::string line(text);
    for (char& c : line)
        if (c == '\r' || c == '\n' || c == '\t')
            c = ' ';
    return line;
}

// A boundary no encoded body can contain: "=_" never appears in quoted-printable or base64.
std::string boundary(const std::string& seed, int depth)
{
    return fmt::format("=_atelier_{:016x}_{}", std::hash<std::string>{}(seed), depth);
}

void render_part(std::string& out, const MimePart& part, const std::string& seed, int& counter)
{
    if (!part.parts.empty()) {
        const auto mark = boundary(seed, counter++);
        out += fmt::format("Content-Type: {};\r\n boundary=\"{}\"\r\n\r\n", part.content_type, mark);
        for (const auto& child : part.parts) {
            out += fmt::format("--{}\r\n", mark);
            render_part(out, child, seed, counter);
            out += crlf;
        }
        out += fmt::format("--{}--\r\n", mark);
        return;
    }
    std::string type = part.content_type;
    if (!part.filename.empty() && !part.inline_disposition)
        type += fmt::format(";\r\n name=\"{}\"", part.filename);
    out += fmt::format("Content-Type: {}\r\n", type);
    out += fmt::format("Content-Transfer-Encoding: {}\r\n",
                       part.text ? "quoted-printable" : "base64");
    if (!part.content_id.empty())
        out += fmt::format("Content-ID: <{}>\r\n", part.content_id);
    if (!part.filename.empty())
        out += fmt::format("Content-Disposition: {};\r\n filename=\"{}\"\r\n",
                           part.inline_disposition ? "inline" : "attachment", part.filename);
    else if (part.inline_disposition)
        out += "Content-Disposition: inline\r\n";
    out += crlf;
    out += part.text ? quoted_printable(part.body) : base64_lines(part.body);
    if (!out.ends_with(crlf))
        out += crlf;
}

// "Name: value", on a second line when the first would pass 78 characters.
std::string header(std::string_view name, std::string_view value)
{
    if (name.size() + 2 + value.size() <= 78 || value.find("\r\n") != std::string_view::npos)
        return fmt::format("{}: {}\r\n", name, value);
    return fmt::format("{}:\r\n {}\r\n", name, value);
}

} // namespace

std::string base64(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t at = 0;
    for (; at + 3 <= bytes.size(); at += 3) {
        const auto word = (static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 16) |
                          (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8) |
                          static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2]));
        for (int shift = 18; shift >= 0; shift -= 6)
            out += base64_alphabet[(word >> shift) & 0x3F];
    }
    const std::size_t rest = bytes.size() - at;
    if (rest > 0) {
        unsigned word = static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 16;
        if (rest == 2)
            word |= static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8;
        out += base64_alphabet[(word >> 18) & 0x3F];
        out += base64_alphabet[(word >> 12) & 0x3F];
        out += rest == 2 ? base64_alphabet[(word >> 6) & 0x3F] : '=';
        out += '=';
    }
    return out;
}

std::string base64_lines(std::string_view bytes)
{
    const auto encoded = base64(bytes);
    std::string out;
    out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
    for (std::size_t at = 0; at < encoded.size(); at += 76) {
        out.append(encoded, at, 76);
        out += crlf;
    }
    return out;
}

std::string quoted_printable(std::string_view text)
{
    std::string out;
    std::size_t line = 0; // characters on the current output line
    auto put = [&](std::string_view piece) {
        if (line + piece.size() > 75) {
            out += "=\r\n";
            line = 0;
        }
        out += piece;
        line += piece.size();
    };
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte == '\n' || (byte == '\r' && at + 1 < text.size() && text[at + 1] == '\n')) {
            if (byte == '\r')
                ++at;
            // A space or tab before a line break would be lost in transit: encode it.
            if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
                const char last = out.back();
                out.pop_back();
                --line;
                put(fmt::format("={:02X}", static_cast<unsigned char>(last)));
            }
            out += crlf;
            line = 0;
            continue;
        }
        // A dot starting a line is safe over SMTP (libcurl doubles it), but encoding it costs
        // nothing and keeps every relay's hands off.
        const bool dot_at_line_start = line == 0 && byte == '.';
        if ((byte >= 33 && byte <= 126 && byte != '=' && !dot_at_line_start) || byte == ' ' ||
            byte == '\t')
            put(std::string_view(&text[at], 1));
        else
            put(fmt::format("={:02X}", byte));
    }
    if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        const char last = out.back();
        out.pop_back();
        --line;
        put(fmt::format("={:02X}", static_cast<unsigned char>(last)));
    }
    return out;
}

namespace {

// Plain header text folded at spaces so that no line passes 78 characters once its header's
// name (up to 10 characters) is before it.
std::string fold_plain(const std::string& text)
{
    std::string out;
    std::size_t line = 10;
    std::size_t at = 0;
    while (at < text.size()) {
        auto space = text.find(' ', at + 1);
        if (space == std::string::npos)
            space = text.size();
        const auto word = std::string_view(text).substr(at, space - at); // with its space
        if (line + word.size() > 78 && !out.empty() && word.front() == ' ') {
            out += "\r\n";
            line = 0;
        }
        out += word;
        line += word.size();
        at = space;
    }
    return out;
}

} // namespace

std::string encode_words(std::string_view raw)
{
    const auto text = one_line(raw);
    if (plain_header_text(text))
        return fold_plain(text);
    // "=?UTF-8?B?" + "?=" is 12 characters; 39 bytes of text make 52 characters of base64: a
    // word fits on a line after "Subject: " (RFC 2047 allows 75 a word, 78 a line).
    std::string out;
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto take = utf8_prefix(rest, 39);
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(rest.substr(0, take)) + "?=";
        rest.remove_prefix(take);
    }
    return out;
}

std::string rfc5322_date(kiosk::Instant instant)
{
    const date::zoned_seconds local{"Europe/Paris", instant};
    return date::format("%a, %d %b %Y %H:%M:%S %z", local);
}

std::string render_message(const MessageHeaders& headers, const MimePart& body)
{
    std::string out;
    out += fmt::format("Date: {}\r\n", rfc5322_date(headers.date));
    if (headers.from_name.empty()) {
        out += header("From", headers.from_address);
    } else {
        auto name = encode_words(headers.from_name);
        // A plain name with RFC 5322's specials ("Mairie, atelier") is a quoted string.
        if (name == headers.from_name &&
            name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
            std::string quoted = "\"";
            for (const char c : name) {
                if (c == '"' || c == '\\')
                    quoted += '\\';
                quoted += c;
            }
            name = quoted + "\"";
        }
        const auto line = fmt::format("From: {} <{}>", name, headers.from_address);
        out += line.size() <= 78 || name.find("\r\n") != std::string::npos
                   ? line + "\r\n"
                   : fmt::format("From: {}\r\n <{}>\r\n", name, headers.from_address);
    }
    out += header("To", one_line(headers.to_address));
    if (!headers.reply_to.empty())
        out += header("Reply-To", one_line(headers.reply_to));
    out += fmt::format("Subject: {}\r\n", encode_words(headers.subject));
    out += header("Message-ID", fmt::format("<{}>", one_line(headers.message_id)));
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    int counter = 0;
    render_part(out, body, headers.message_id, counter);
    return out;
}

} // namespace kiosk_mail
