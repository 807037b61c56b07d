// How long printed tickets take: a PNG card and an A6 PDF per person, as `ticket issue-batch`
// writes them, for a batch of N (default 200), with the longest title a ticket may carry.

#include "build_paths.hpp"
#include "kiosk_print/ticket_layout.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 200;
    if (count <= 0) {
        std::fprintf(stderr, "usage : bench_tickets [NOMBRE]\n");
        return 2;
    }
    const std::filesystem::path fonts_directory =
        std::filesystem::path(test::source_dir()) / "assets/fonts";
    const auto fonts = kiosk_print::Fonts::load(fonts_directory);
    kiosk_print::TicketText ticket;
    ticket.payload = "AT:" + std::string(132, 'A');
    ticket.title = std::string(300, 'W');
    ticket.date = "jeudi 26 novembre 2026";
    ticket.time = "14 h 30 – 16 h 30";
    ticket.site = "Saint-Étienne";
    ticket.room = "Salle Éole";
    ticket.holder = "Zoé";
    ticket.reference = "0123456789abcdef";

    std::size_t bytes = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        bytes += kiosk_print::ticket_png(ticket, fonts).size();
        bytes += kiosk_print::ticket_pdf(ticket, fonts, kiosk_print::Paper::A6).size();
    }
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - started;
    std::printf("%d tickets (PNG + PDF A6): %.0f ms, %.1f ms each, %zu bytes written\n", count,
                elapsed.count(), elapsed.count() / count, bytes);
    return 0;
}
