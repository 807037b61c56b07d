#include "admission.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace test::optics {
namespace {

using namespace kiosk::checkin;

// The loop needs a source to own; frames come from the film through process() instead.
class FilmSource final : public FrameSource {
public:
    void start() override {}
    void stop() override {}
    [[nodiscard]] PullResult pull(std::chrono::milliseconds) override
    {
        return {PullResult::Kind::EndOfStream, std::nullopt, {}};
    }
    [[nodiscard]] std::string describe() const override { return "film"; }
};

double thread_cpu_seconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

} // namespace

Admission present(PresentationFilm& film, const std::string& ticket, CodeReader reader,
                  Pacing pacing)
{
    Admission admission;
    FilmSource source;
    bool admitted = false;
    ScanLoop loop(source, [&](const Detection& code) {
        if (code.text == ticket)
            admitted = true;
        else
            ++admission.misreads;
    });
    loop.read_with(std::move(reader));
    double free_at = 0; // seconds of film time when the loop can take the next frame
    for (int index = 0; index < film.frame_count();) {
        const auto image = film.frame(index);
        const double captured = PresentationFilm::seconds_of(index);
        const Frame frame({image->pixels.data(), image->width, image->height, image->width},
                          Frame::Clock::time_point{} +
                              std::chrono::duration_cast<Frame::Clock::duration>(
                                  std::chrono::duration<double>(captured)),
                          image);
        const double cpu_before = thread_cpu_seconds();
        loop.process(frame);
        const double cost = pacing == Pacing::RealTime ? thread_cpu_seconds() - cpu_before : 0;
        free_at = std::max(free_at, captured) + cost;
        if (admitted) {
            admission.seconds = std::max(0.0, free_at - film.code_in_view_at());
            break;
        }
        // A live camera hands over the newest frame: those that came while reading are lost.
        const int newest =
            static_cast<int>(std::floor(free_at * PresentationFilm::frames_per_second + 1e-9));
        index = pacing == Pacing::RealTime ? std::max(index + 1, newest) : index + 1;
    }
    admission.frames_decoded = loop.statistics().decoded_frames;
    return admission;
}

} // namespace test::optics
