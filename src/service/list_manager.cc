#include "service/list_manager.h"

#include <fmt/format.h>

#include <map>

#include "embargo/lists.h"
#include "service/api_keys.h"

namespace embargo::service {

std::string ListsVersion(const std::vector<ListSummary>& lists) {
  std::string text;
  for (const ListSummary& l : lists) {
    text += l.info.name;
    text += '\t';
    text += l.info.content_hash;
    text += '\n';
  }
  return Sha256Hex(text).substr(0, 16);
}

Status ValidateRefresh(const std::vector<std::string>& specs,
                       const std::vector<std::vector<ListCount>>& loaded,
                       const ListSnapshot* serving, double max_entity_drop) {
  if (loaded.size() != specs.size())
    return Status::Internal("refresh: one load result per spec expected");
  std::map<std::string, size_t> now;  // list name -> entities
  for (size_t i = 0; i < specs.size(); ++i) {
    if (loaded[i].empty())
      return Status::DataError(
          fmt::format("refresh: {} holds no list", specs[i]));
    for (const ListCount& l : loaded[i]) {
      if (l.entities == 0)
        return Status::DataError(fmt::format(
            "refresh: list {} ({}) has no entities", l.name, specs[i]));
      now[l.name] += l.entities;
    }
  }
  if (!serving) return Status::Ok();
  for (const ListSummary& old : serving->screener->summaries()) {
    auto it = now.find(old.info.name);
    if (it == now.end())
      return Status::DataError(fmt::format(
          "refresh: list {} is served now but missing from the new load",
          old.info.name));
    double before = static_cast<double>(old.entities);
    double after = static_cast<double>(it->second);
    if (after < before * (1.0 - max_entity_drop))
      return Status::DataError(fmt::format(
          "refresh: list {} would fall from {} to {} entities ({:.1f}%, more "
          "than the {:.1f}% allowed)",
          old.info.name, old.entities, it->second,
          100.0 * (before - after) / before, 100.0 * max_entity_drop));
  }
  return Status::Ok();
}

ListManager::ListManager(ListManagerOptions options)
    : options_(std::move(options)) {}

ListManager::~ListManager() { Stop(); }

void ListManager::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  requested_ = true;  // the first load
  thread_ = std::thread([this] { Loop(); });
}

void ListManager::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ListManager::RequestReload() {
  {
    std::lock_guard lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

void ListManager::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (!requested_) {
      if (options_.interval.count() > 0)
        cv_.wait_for(lock, options_.interval,
                     [&] { return stop_ || requested_; });
      else
        cv_.wait(lock, [&] { return stop_ || requested_; });
      if (stop_) break;
    }
    requested_ = false;
    lock.unlock();
    (void)ReloadNow();  // the outcome is recorded in state_
    lock.lock();
  }
}

Status ListManager::ReloadNow() {
  std::lock_guard reload_lock(reload_mu_);
  Status st = DoReload();
  if (options_.on_reload) options_.on_reload(st);
  return st;
}

Status ListManager::DoReload() {
  auto started = std::chrono::steady_clock::now();
  std::shared_ptr<const ListSnapshot> serving;
  {
    std::lock_guard lock(mu_);
    ++state_.attempts;
    state_.in_progress = true;
    state_.last_attempt = std::chrono::system_clock::now();
    serving = current_;
  }
  auto fail = [&](Status st) {
    std::lock_guard lock(mu_);
    ++state_.failures;
    state_.in_progress = false;
    state_.last_failed = true;
    state_.last_error = st.ToString();
    state_.last_failure = std::chrono::system_clock::now();
    return st;
  };
  auto counts = [](const std::vector<EntityList>& lists) {
    std::vector<ListCount> out;
    out.reserve(lists.size());
    for (const EntityList& l : lists)
      out.push_back({l.info.name, l.entities.size()});
    return out;
  };
  auto snapshot = std::make_shared<ListSnapshot>();
  if (!options_.snapshot.empty()) {
    // The snapshot was checked whole when it was written; Open() refuses a
    // truncated, foreign or corrupt file.
    auto screener = Screener::Open(options_.snapshot);
    if (!screener.ok()) return fail(screener.status());
    const std::vector<ListSummary>& lists = (*screener)->summaries();
    std::vector<ListCount> listed;
    listed.reserve(lists.size());
    for (const ListSummary& l : lists)
      listed.push_back({l.info.name, l.entities});
    Status valid = ValidateRefresh({options_.snapshot}, {listed}, serving.get(),
                                   options_.max_entity_drop);
    if (!valid.ok()) return fail(valid);
    snapshot->version = ListsVersion(lists);
    snapshot->list_specs.assign(lists.size(), options_.snapshot);
    snapshot->screener = std::move(*screener);
  } else {
    // Each spec alone, so a folder that lost a file shows up as a missing
    // list rather than passing silently.
    std::vector<std::vector<EntityList>> loaded;
    std::vector<std::vector<ListCount>> loaded_counts;
    for (const std::string& spec : options_.specs) {
      auto lists = LoadLists({spec});
      if (!lists.ok()) return fail(lists.status());
      loaded_counts.push_back(counts(*lists));
      loaded.push_back(std::move(*lists));
    }
    Status valid = ValidateRefresh(options_.specs, loaded_counts, serving.get(),
                                   options_.max_entity_drop);
    if (!valid.ok()) return fail(valid);
    std::vector<EntityList> all;
    for (size_t i = 0; i < loaded.size(); ++i) {
      for (EntityList& l : loaded[i]) {
        all.push_back(std::move(l));
        snapshot->list_specs.push_back(options_.specs[i]);
      }
    }
    auto screener = Screener::Build(std::move(all));
    if (!screener.ok()) return fail(screener.status());
    snapshot->version = ListsVersion((*screener)->summaries());
    snapshot->screener = std::move(*screener);
  }
  snapshot->loaded_at = std::chrono::system_clock::now();
  snapshot->load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  std::shared_ptr<const ListSnapshot> old;  // released outside the lock
  {
    std::lock_guard lock(mu_);
    snapshot->generation = current_ ? current_->generation + 1 : 1;
    old = std::move(current_);
    current_ = std::move(snapshot);
    ++state_.successes;
    state_.in_progress = false;
    state_.last_failed = false;
    state_.last_success = current_->loaded_at;
  }
  // Free the old index here rather than on whichever request thread drops
  // the last reference, which would stall that thread for the whole free.
  // Requests are short; a long batch may keep it, and then frees it itself.
  serving.reset();
  for (int i = 0; i < 100 && old.use_count() > 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  old.reset();
  return Status::Ok();
}

std::shared_ptr<const ListSnapshot> ListManager::Current() const {
  std::lock_guard lock(mu_);
  return current_;
}

ReloadState ListManager::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

bool ListManager::Ready() const {
  std::lock_guard lock(mu_);
  if (!current_) return false;
  if (!options_.snapshot.empty()) return !current_->list_specs.empty();
  for (const std::string& spec : options_.specs) {
    bool found = false;
    for (const std::string& s : current_->list_specs) found |= s == spec;
    if (!found) return false;
  }
  return true;
}

}  // namespace embargo::service
