// POST /trade/check: a shipment (docs/trade.md) screened against the lists
// and the trade rules (include/embargo/trade.h).
#include <fmt/format.h>

#include "embargo/trade.h"
#include "model/date.h"
#include "server/api.h"

namespace embargo::server {

Response Api::TradeCheck(const Request& r) {
  if (!trade_rules_)
    return Error(503, "not_configured",
                 "no trade rules are loaded: start the server with trade rules "
                 "(config key trade_rules, or a rules/ folder)");
  auto snap = lists_->Current();
  if (!snap) return Error(503, "not_ready", "the lists are still loading");
  TradeCheckOptions opts;
  if (const std::string* as_of = r.Param("as_of"); as_of && !as_of->empty()) {
    auto d = internal::ParsePartialDate(*as_of);
    if (!d || d->day == 0) {
      Response e =
          Error(400, "bad_request",
                fmt::format("as_of: '{}' is not a date (YYYY-MM-DD)", *as_of));
      e.headers.emplace_back(kVersionHeader, snap->version);
      return e;
    }
    opts.as_of = *d;
  }
  Result<TradeResult> result =
      CheckShipmentJson(r.body, *snap->screener, *trade_rules_, opts);
  Response resp;
  if (!result.ok()) {
    bool too_big = result.status().code() == StatusCode::kLimitExceeded;
    resp = Error(too_big ? 413 : 400, too_big ? "too_large" : "bad_request",
                 result.status().message());
  } else {
    resp.body = result->ToJson(-1);
    metrics_
        ->GetCounter(
            "embargo_trade_checks_total", "Shipments checked by decision",
            {{"decision", std::string(TradeDecisionName(result->decision))}})
        ->Inc();
  }
  resp.headers.emplace_back(kVersionHeader, snap->version);
  return resp;
}

}  // namespace embargo::server
