#pragma once

// An Internet message (RFC 5322, MIME) written out as the bytes the relay receives and a dry
// run saves as a .eml file: French headers as encoded words (RFC 2047), text parts in UTF-8
// quoted-printable, files in base64, lines ending in CRLF and never longer than 78 characters.
// libcurl speaks SMTP; what it carries is composed here.

#include "kiosk/base/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk_mail {

struct MimePart {
    std::string content_type = {}; // "text/plain; charset=utf-8", "multipart/mixed", …
    std::string body = {};         // raw bytes; empty for a multipart
    bool text = false;             // quoted-printable when true, base64 otherwise
    std::string filename = {};     // named in Content-Disposition; empty: none
    bool inline_disposition = false;
    std::string content_id = {};       // without the angle brackets; empty: none
    std::vector<MimePart> parts = {}; // a multipart's parts
};

struct MessageHeaders {
    std::string from_name;
    std::string from_address;
    std::string to_address;
    std::string reply_to; // empty: none
    std::string subject;
    std::string message_id; // without the angle brackets
    kiosk::Instant date;
};

// "=?UTF-8?B?…?=" words for text that is not plain ASCII (or could be read as syntax), as
// many as needed to keep each under 76 characters; plain text as it is.
[[nodiscard]] std::string encode_words(std::string_view text);

[[nodiscard]] std::string base64(std::string_view bytes);
[[nodiscard]] std::string base64_lines(std::string_view bytes); // 76 characters a line, CRLF
[[nodiscard]] std::string quoted_printable(std::string_view text);

// The date as RFC 5322 writes it, in Paris time: "Thu, 26 Nov 2026 14:30:00 +0100".
[[nodiscard]] std::string rfc5322_date(kiosk::Instant instant);

[[nodiscard]] std::string render_message(const MessageHeaders& headers, const MimePart& body);

} // namespace kiosk_mail
