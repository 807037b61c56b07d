#!/usr/bin/env python3
"""A real SMTP server on the loopback address for the mail tests (aiosmtpd).

smtp_sink.py FOLDER [--port N] [--refuse ADDRESS]... [--refuse-sender ADDRESS]
              [--tls CERT KEY] [--login USER:PASSWORD]

Each message the server accepts is written to FOLDER as NNNNNN.eml (the bytes received) with
NNNNNN.rcpt beside it (the envelope recipients, one a line); the port it listens on goes to
FOLDER/port once it is ready. RCPT TO an address given with --refuse gets a permanent 550; MAIL FROM the address given with
--refuse-sender a permanent 553.
If FOLDER/kill-after-accepting holds a process id, the next message is written, that process
is killed (SIGKILL) and only then is 250 answered: a sender that dies between the relay's
acceptance and its own record of it. With --tls, STARTTLS is offered and required before any
mail; with --login, AUTH (over TLS only) with that user and password is required. Ends on
SIGTERM.
"""

import argparse
import asyncio
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, refused, refused_sender):
        self.folder = folder
        self.refused = {address.lower() for address in refused}
        self.refused_sender = (refused_sender or "").lower()
        self.count = 0
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refused_sender and address.lower() == self.refused_sender:
            return "553 5.7.1 <%s>: expediteur non autorise" % address
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 <%s>: boite aux lettres inconnue" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            stem = os.path.join(self.folder, "%06d" % self.count)
        with open(stem + ".rcpt.tmp", "w", encoding="utf-8") as rcpt:
            rcpt.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(stem + ".eml.tmp", "wb") as message:
            message.write(envelope.original_content or envelope.content)
        os.rename(stem + ".rcpt.tmp", stem + ".rcpt")
        os.rename(stem + ".eml.tmp", stem + ".eml")
        trigger = os.path.join(self.folder, "kill-after-accepting")
        if os.path.exists(trigger):
            with open(trigger, encoding="utf-8") as pid_file:
                pid = int(pid_file.read().strip())
            os.remove(trigger)
            os.kill(pid, signal.SIGKILL)
            await asyncio.sleep(0.2)
        return "250 2.0.0 Ok: queued"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--refuse-sender")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--login")
    arguments = parser.parse_args()
    options = {}
    if arguments.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.tls[0], arguments.tls[1])
        options.update(tls_context=context, require_starttls=True)
    if arguments.login:
        user, password = arguments.login.split(":", 1)

        def authenticate(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword) and data.login.decode() == user
                  and data.password.decode() == password)
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
    os.makedirs(arguments.folder, exist_ok=True)
    port = arguments.port or free_port()
    sink = Sink(arguments.folder, arguments.refuse, arguments.refuse_sender)
    controller = Controller(sink, hostname="127.0.0.1", port=port,
                            data_size_limit=4 * 1024 * 1024, **options)
    controller.start()
    with open(os.path.join(arguments.folder, "port.tmp"), "w", encoding="utf-8") as out:
        out.write("%d\n" % port)
    os.rename(os.path.join(arguments.folder, "port.tmp"), os.path.join(arguments.folder, "port"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
