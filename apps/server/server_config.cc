#include "server/server_config.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

namespace embargo::server {

using nlohmann::json;

namespace {

template <typename T>
Status Get(const json& j, const std::string& key, const std::string& where,
           T* out) {
  try {
    *out = j.get<T>();
  } catch (const json::exception&) {
    return Status::InvalidArgument(
        fmt::format("{}: key {}: wrong type ({})", where, key, j.type_name()));
  }
  return Status::Ok();
}

Status ApplyLimits(const json& j, const std::string& where, ServerLimits* l) {
  if (!j.is_object())
    return Status::InvalidArgument(
        fmt::format("{}: key limits: not an object", where));
  for (const auto& [key, v] : j.items()) {
    Status st;
    if (key == "max_connections")
      st = Get(v, key, where, &l->max_connections);
    else if (key == "max_body_bytes")
      st = Get(v, key, where, &l->max_body_bytes);
    else if (key == "max_screen_body_bytes")
      st = Get(v, key, where, &l->max_screen_body_bytes);
    else if (key == "max_header_bytes")
      st = Get(v, key, where, &l->max_header_bytes);
    else if (key == "max_rows")
      st = Get(v, key, where, &l->max_rows);
    else if (key == "max_name_bytes")
      st = Get(v, key, where, &l->max_name_bytes);
    else if (key == "max_queries")
      st = Get(v, key, where, &l->max_queries);
    else if (key == "max_names_per_query")
      st = Get(v, key, where, &l->max_names_per_query);
    else if (key == "max_limit")
      st = Get(v, key, where, &l->max_limit);
    else if (key == "max_screen_jobs")
      st = Get(v, key, where, &l->max_screen_jobs);
    else if (key == "header_timeout_seconds")
      st = Get(v, key, where, &l->header_timeout);
    else if (key == "body_timeout_seconds")
      st = Get(v, key, where, &l->body_timeout);
    else if (key == "idle_timeout_seconds")
      st = Get(v, key, where, &l->idle_timeout);
    else if (key == "write_timeout_seconds")
      st = Get(v, key, where, &l->write_timeout);
    else if (key == "request_timeout_seconds")
      st = Get(v, key, where, &l->request_timeout);
    else if (key == "screen_timeout_seconds")
      st = Get(v, key, where, &l->screen_timeout);
    else
      return Status::InvalidArgument(
          fmt::format("{}: unknown key limits.{}", where, key));
    EMBARGO_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

}  // namespace

Status ApplyServerConfig(const std::string& text, const std::string& source,
                         ServerConfig* c) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument(
        fmt::format("{}: not a JSON object", source));
  for (const auto& [key, v] : j.items()) {
    Status st;
    if (key == "listen")
      st = Get(v, key, source, &c->listen);
    else if (key == "threads")
      st = Get(v, key, source, &c->threads);
    else if (key == "worker_threads")
      st = Get(v, key, source, &c->worker_threads);
    else if (key == "screen_threads")
      st = Get(v, key, source, &c->screen_threads);
    else if (key == "state_dir")
      st = Get(v, key, source, &c->state_dir);
    else if (key == "lists")
      st = Get(v, key, source, &c->lists);
    else if (key == "index")
      st = Get(v, key, source, &c->index);
    else if (key == "trade_rules")
      st = Get(v, key, source, &c->trade_rules);
    else if (key == "reload_interval_seconds")
      st = Get(v, key, source, &c->reload_interval);
    else if (key == "max_entity_drop")
      st = Get(v, key, source, &c->max_entity_drop);
    else if (key == "require_auth")
      st = Get(v, key, source, &c->require_auth);
    else if (key == "limits")
      st = ApplyLimits(v, source, &c->limits);
    else
      return Status::InvalidArgument(
          fmt::format("{}: unknown key {}", source, key));
    EMBARGO_RETURN_IF_ERROR(st);
  }
  if (c->max_entity_drop < 0 || c->max_entity_drop > 1)
    return Status::InvalidArgument(
        fmt::format("{}: max_entity_drop must be in [0,1]", source));
  return Status::Ok();
}

Status SplitListen(const std::string& listen, std::string* host,
                   std::uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size())
    return Status::InvalidArgument(
        fmt::format("--listen: '{}' is not HOST:PORT", listen));
  std::string h = listen.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']')
    h = h.substr(1, h.size() - 2);
  // The whole rest must be a number of at most 65535.
  const std::string_view digits = std::string_view(listen).substr(colon + 1);
  std::uint32_t p = 0;
  auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), p);
  if (ec != std::errc() || end != digits.data() + digits.size() || p > 65535 ||
      h.empty())
    return Status::InvalidArgument(
        fmt::format("--listen: '{}' is not HOST:PORT", listen));
  *host = h;
  *port = static_cast<std::uint16_t>(p);
  return Status::Ok();
}

}  // namespace embargo::server
