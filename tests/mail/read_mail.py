#!/usr/bin/python3
"""Reads a received message with Python's own e-mail parser, as a mail client would.

read_mail.py MESSAGE.eml FOLDER

Prints one JSON document: the decoded headers, the raw Subject line, the MIME tree in walk order
(type, filename, Content-ID, disposition, charset), the plain text and the HTML; each leaf that
is not text/plain or text/html is written to FOLDER under its file name (or part-N).
"""

import email
import email.policy
import json
import os
import sys


def main():
    path, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    with open(path, "rb") as source:
        raw = source.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    raw_headers = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    subject_lines = []
    collecting = False
    for line in raw_headers.split("\r\n"):
        if line.startswith("Subject:"):
            collecting = True
            subject_lines.append(line)
        elif collecting and line.startswith(" "):
            subject_lines.append(line)
        else:
            collecting = False
    subject_line = "\r\n".join(subject_lines)
    parts = []
    for index, part in enumerate(message.walk()):
        entry = {
            "type": part.get_content_type(),
            "filename": part.get_filename() or "",
            "content_id": part.get("Content-ID", ""),
            "disposition": part.get_content_disposition() or "",
            "charset": part.get_content_charset() or "",
            "file": "",
        }
        if not part.is_multipart() and entry["type"] not in ("text/plain", "text/html"):
            name = entry["filename"] or "part-%d" % index
            target = os.path.join(folder, name)
            with open(target, "wb") as out:
                out.write(part.get_payload(decode=True))
            entry["file"] = target
        parts.append(entry)
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    longest = max(len(line) for line in raw.split(b"\r\n"))
    bare_newlines = raw.replace(b"\r\n", b"").count(b"\n")
    print(json.dumps({
        "subject": str(message["Subject"]),
        "subject_line": subject_line,
        "from": str(message["From"]),
        "to": str(message["To"]),
        "reply_to": str(message.get("Reply-To", "")),
        "message_id": str(message["Message-ID"]),
        "date": str(message["Date"]),
        "defects": [str(defect) for part in message.walk() for defect in part.defects],
        "parts": parts,
        "text": plain.get_content() if plain else "",
        "html": html.get_content() if html else "",
        "longest_line": longest,
        "bare_newlines": bare_newlines,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
