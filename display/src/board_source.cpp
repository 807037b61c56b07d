#include "kiosk_display/board_source.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk/schedule/seats.hpp"
#include "kiosk/schedule/session_store.hpp"

namespace kiosk_display {

SiteSettings site_settings(const kiosk::SiteConfig& config)
{
    SiteSettings settings;
    settings.site_id = config.site_id;
    settings.site_name =
        config.display_name.empty() ? kiosk::site_name(config.site_id) : config.display_name;
    settings.doors_open_lead = config.doors_open_lead;
    settings.late_entry_grace = config.late_entry_grace;
    settings.hours = config.hours;
    return settings;
}

std::map<kiosk::SessionId, int> seats_taken(kiosk::Store& store,
                                            std::span<const kiosk::Session> sessions,
                                            const SiteSettings& site, kiosk::Instant now)
{
    return kiosk::seats_taken(store, sessions, now, kiosk::SeatRules{site.late_entry_grace});
}

BoardData load_board_data(kiosk::Store& store, const SiteSettings& site, kiosk::Instant now)
{
    BoardData data;
    data.site_id = site.site_id;
    data.site_name = site.site_name;
    data.doors_open_lead = site.doors_open_lead;
    data.day = kiosk::local_day(now);
    data.loaded_at = now;
    data.hours = site.hours;
    // One read transaction, so sessions, seats and the next session agree with each other.
    store.read([&] {
        kiosk::SessionStore sessions(store);
        data.sessions = sessions.day(site.site_id, data.day);
        std::vector<kiosk::Session> with_capacity;
        for (const auto& session : data.sessions)
            if (session.capacity)
                with_capacity.push_back(session);
        data.seats_taken = seats_taken(store, with_capacity, site, now);
        for (const auto& session : with_capacity) {
            const auto release =
                kiosk::seats_released_at(session, kiosk::SeatRules{site.late_entry_grace});
            if (release > now && (!data.seats_change_at || release < *data.seats_change_at))
                data.seats_change_at = release;
        }
        data.next_session =
            sessions.first_from(site.site_id, kiosk::local_day_range(data.day).end);
        // Notices expiring later today stay in the data; the model drops them at their time.
        // The site's and the office's, posted apart, can outnumber what a screen shows:
        // alerts first, then the oldest.
        data.notices = kiosk::NoticeStore(store).active(site.site_id, now);
        if (data.notices.size() > kiosk::notice_max_active)
            data.notices.resize(kiosk::notice_max_active);
    });
    return data;
}

} // namespace kiosk_display
