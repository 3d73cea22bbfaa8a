"""Why was my Weilidai frozen: a dormant account, one more day, the banner, and how to avoid
it (二.1 (1), 二.2, R2)."""

from webapp.i18n import lazy_gettext as _l
from webapp.journey.route import Step
from webapp.tours.tour import Tour

TOUR = Tour(
    id="why-frozen",
    title=_l("微粒贷为什么被冻结"),
    scenario="dormant",
    start="/weilidai",
    summary=_l("长时间不借款也不还款，微粒贷会被冻结：看看冻结意味着什么，怎样避免。"),
    learned=(
        _l("使用者长时间未使用微粒贷，账户可能被系统自动冻结。"),
        _l("冻结后不能借钱，还款和关闭仍然可以。"),
        _l("定期使用微粒贷，按期还款，合理借款、避免过度负债，就能避免被冻结或关闭。"),
    ),
    steps=(
        # The clock is the trainer's (the tour's bar draws its button on the phone, the stage
        # rings the panel's): the step is done when the account has frozen.
        Step("weilidai-home", "panel-clock-1",
             _l("这个账户已经很久没有借款或还款了。点击“+1 天”，让时间过去一天"),
             until="frozen"),
        Step("weilidai-home", "banner-frozen",
             _l("微粒贷被冻结了：长时间未使用，账户被系统自动冻结。冻结后不能借钱，还款和关闭仍然可以。"
                "看完点击“知道了”"), read=True, shown="frozen"),
        Step("weilidai-home", "faq", _l("点击“常见问题”，看看怎样避免微粒贷被冻结")),
        Step("faq", "faq-avoid",
             _l("为避免被冻结或关闭：定期使用微粒贷，按期还款，合理借款、避免过度负债。"
                "看完点击“知道了”"), read=True),
    ),
)
