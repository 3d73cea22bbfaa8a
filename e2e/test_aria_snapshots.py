"""Structure checks: the accessibility tree of each screen's main region, as a snapshot.

A change in the structure, the roles or the names a user (and a screen reader, and every
role-based test) relies on fails here. When the change is meant, print the new tree with
``print(screen.main.aria_snapshot())`` and update its snapshot below.
"""

import pytest
from playwright.sync_api import expect

from e2e.pages import (
    BorrowUnavailablePage, CloseConfirmation, ContactsPage, DiscoverPage, ErrorPage, FaqPage,
    LoadingPage, ManagementPage, MePage, RecordsPage, RepaymentSettingsPage, RepayPage,
    ScenarioStartPage, ScenariosPage, ServicesPage, SettingsPage, SystemBusyPage, ToursPage,
    TourStartPage, WeChatHome, WeilidaiHome, seed, set_knobs,
)


def _borrow_confirm(page):
    return WeilidaiHome(page).open().borrow().fill(5000, term=3).next()


def _close_password(page):
    return CloseConfirmation(page).open().confirm()


def _repay_confirm(page):
    return RepayPage(page).open().repay_all()


def _system_busy(page):
    set_knobs(page, failure_rate=100)  # the first page load fails
    return SystemBusyPage(page, WeilidaiHome.path).open()


# screen id: (scenario, how to get there)
SCREENS = {
    "wechat-home": ("fresh", lambda page: WeChatHome(page).open()),
    "contacts": ("fresh", lambda page: ContactsPage(page).open()),
    "discover": ("fresh", lambda page: DiscoverPage(page).open()),
    "me": ("fresh", lambda page: MePage(page).open()),
    "me-settings": ("fresh", lambda page: MePage(page).open().open_settings()),
    "services": ("closed", lambda page: ServicesPage(page).open()),
    "weilidai-home": ("repaying", lambda page: WeilidaiHome(page).open()),
    "weilidai-home-frozen": ("frozen", lambda page: WeilidaiHome(page).open()),
    "weilidai-home-closed": ("closed", lambda page: WeilidaiHome(page).open()),
    "borrow": ("fresh", lambda page: WeilidaiHome(page).open().borrow()),
    "borrow-confirm": ("fresh", _borrow_confirm),
    "borrowed": ("fresh", lambda page: _borrow_confirm(page).confirm()),
    "borrow-unavailable": ("frozen", lambda page: BorrowUnavailablePage(page).open()),
    "repay": ("repaying", lambda page: RepayPage(page).open()),
    "repay-confirm": ("repaying", _repay_confirm),
    "repaid": ("repaying", lambda page: _repay_confirm(page).confirm()),
    "records": ("busy", lambda page: RecordsPage(page).open()),
    "settings": ("fresh", lambda page: SettingsPage(page).open()),
    "repayment-settings": ("busy", lambda page: RepaymentSettingsPage(page).open()),
    "management": ("repaying", lambda page: ManagementPage(page).open()),
    "close-confirm": ("fresh", lambda page: CloseConfirmation(page).open()),
    "close-refused": ("repaying", lambda page: CloseConfirmation(page).open()),
    "close-password": ("fresh", _close_password),
    "closed": ("fresh", lambda page: _close_password(page).submit()),
    "faq": ("fresh", lambda page: FaqPage(page).open()),
    "scenarios": ("fresh", lambda page: ScenariosPage(page).open()),
    "scenario-start": ("fresh", lambda page: ScenarioStartPage(page, "repaying").open()),
    "error-404": ("fresh", lambda page: ErrorPage(page, 404, "/nowhere").open()),
    "loading": ("fresh", lambda page: LoadingPage(page, WeilidaiHome.path).open_held()),
    "system-busy": ("fresh", _system_busy),
    "weilidai-home-overdue": ("overdue", lambda page: WeilidaiHome(page).open()),
    "weilidai-home-force-closed": ("force-closed", lambda page: WeilidaiHome(page).open()),
    "tours": ("fresh", lambda page: ToursPage(page).open()),
    "tour-start": ("fresh", lambda page: TourStartPage(page, "close-weilidai").open()),
}

SNAPSHOTS = {
    "wechat-home": """
- main:
  - list "聊天":
    - listitem: 微信支付 微粒贷借钱：查看你的可借额度 上午 9:30
    - listitem: 文件传输助手 [图片] 昨天
    - listitem: 家人群 记得按时还款，别逾期哦 昨天
    - listitem: 微信团队 欢迎使用微信 星期一
  - paragraph: 微粒贷在“我 → 服务”里。点击下方的“我”开始。
""",
    "contacts": """
- main:
  - paragraph: 这是演示用的微信，这一页没有内容。微粒贷在“我 → 服务”里。
""",
    "discover": """
- main:
  - paragraph: 这是演示用的微信，这一页没有内容。微粒贷在“我 → 服务”里。
""",
    "me": """
- main:
  - region "个人信息": 演示用户 微信号：weilidai_demo
  - link "服务":
    - /url: /me/services
  - text: 收藏 朋友圈
  - link "设置":
    - /url: /me/settings
""",
    "me-settings": """
- main:
  - text: 关怀模式
  - switch "关怀模式"
  - paragraph: 开启后，文字更大、按钮更大、颜色对比更强，看得更清楚，也更容易点到。
""",
    "services": """
- main:
  - region "收付款与钱包": 收付款 钱包
  - region "金融理财":
    - heading "金融理财" [level=2]
    - list:
      - listitem: 信用卡还款
      - listitem:
        - link "微粒贷借钱 已关闭":
          - /url: /weilidai
      - listitem: 理财通
      - listitem: 保险服务
  - region "生活服务":
    - heading "生活服务" [level=2]
    - list:
      - listitem: 手机充值
      - listitem: 生活缴费
      - listitem: 城市服务
      - listitem: 医疗健康
""",
    "weilidai-home": """
- main:
  - paragraph: 可借额度（元）
  - paragraph: 15,833.35
  - paragraph: 总额度 ¥20,000.00 · 日利率 0.05%
  - link "借钱":
    - /url: /weilidai/borrow
  - link "还款":
    - /url: /weilidai/repay
    - text: 还款 2026-06-17 应还 ¥897.91
  - link "借款记录":
    - /url: /weilidai/records
    - text: 借款记录 1 笔
  - link "常见问题":
    - /url: /weilidai/faq
""",
    "weilidai-home-frozen": """
- main:
  - alert:
    - paragraph: 微粒贷已被冻结
    - paragraph: 连续 180 天没有借款或还款，系统在 2026-11-28 自动冻结了微粒贷，暂时不能借钱；还款和关闭仍可使用。
    - paragraph: 怎样避免：定期使用微粒贷，按期还款，合理借款、避免过度负债。
  - paragraph: 可借额度（元）
  - paragraph: "0.00"
  - paragraph: 总额度 ¥20,000.00 · 日利率 0.05%
  - button "借钱" [disabled]
  - link "还款":
    - /url: /weilidai/repay
    - text: 还款 暂无待还
  - link "借款记录":
    - /url: /weilidai/records
    - text: 借款记录 1 笔
  - link "常见问题":
    - /url: /weilidai/faq
""",
    "weilidai-home-closed": """
- main:
  - heading "微粒贷已关闭" [level=2]
  - paragraph: 已关闭的微粒贷不能再借钱，也不能重新开通。借款记录仍然保留，可以随时查看。
  - link "借款记录":
    - /url: /weilidai/records
    - text: 借款记录 1 笔
  - link "常见问题":
    - /url: /weilidai/faq
""",
    "borrow": """
- main:
  - text: 借款金额（元）
  - textbox "借款金额（元）":
    - /placeholder: 例如 5000
  - paragraph: 可借 ¥20,000.00，按 100 元的整数倍借款
  - heading "借款期限" [level=2]
  - group "借款期限":
    - text: 借款期限 3 个月
    - radio "3 个月"
    - text: 6 个月
    - radio "6 个月" [checked]
    - text: 12 个月
    - radio "12 个月"
  - heading "收款银行卡" [level=2]
  - group "收款银行卡":
    - text: 收款银行卡 招商银行（8888）
    - radio "招商银行（8888）" [checked]
  - checkbox "开启自动还款（到期自动从还款卡扣款）" [checked]
  - text: 开启自动还款（到期自动从还款卡扣款）
  - paragraph: 开启后，每期还款日会自动从还款银行卡扣款；也可以以后在“设置 → 还款设置”里关闭。
  - button "下一步"
""",
    "borrow-confirm": """
- main:
  - text: 借款金额 ¥5,000.00 借款期限 3 个月 收款银行卡 招商银行（8888） 自动还款 开启 总利息 ¥152.50
  - heading "还款计划" [level=2]
  - text: 第 1 期 · 2026-07-01 本金 ¥1,666.68 + 利息 ¥75.00 ¥1,741.68 第 2 期 · 2026-08-01 本金 ¥1,666.66 + 利息 ¥51.67 ¥1,718.33 第 3 期 · 2026-09-01 本金 ¥1,666.66 + 利息 ¥25.83 ¥1,692.49 支付密码
  - textbox "支付密码"
  - paragraph: 演示账户的支付密码是 123456 · 还可以输错 3 次
  - button "确认借款"
""",
    "borrowed": """
- main:
  - heading "借款成功" [level=2]
  - paragraph: ¥5,000.00 已转入招商银行（8888），分 3 期还，第 1 期还款日 2026-07-01。
  - paragraph: 已开启自动还款：每期还款日会从还款银行卡自动扣款。
  - link "完成":
    - /url: /weilidai
  - link "查看借款记录":
    - /url: /weilidai/records
""",
    "borrow-unavailable": """
- main:
  - heading "暂时不能借钱" [level=2]
  - paragraph: 已经 185 天没有借款或还款，微粒贷已被冻结，暂时不能借钱。
  - link "返回微粒贷":
    - /url: /weilidai
""",
    "repay": """
- main:
  - region "待还总额":
    - paragraph: 今天全部还清（元，利息算到今天）
    - paragraph: 4,197.89
  - heading "待还分期" [level=2]
  - link "借款 1 · 第 2/6 期 · 2026-06-17":
    - /url: /weilidai/repay/confirm?target=1-2
    - text: 借款 1 · 第 2/6 期 · 2026-06-17 应还 ¥897.91；今天提前还 ¥864.57 还这一期
  - text: 借款 1 · 第 3/6 期 · 2026-07-17 应还 ¥883.33 待还 借款 1 · 第 4/6 期 · 2026-08-17 应还 ¥872.08 待还 借款 1 · 第 5/6 期 · 2026-09-17 应还 ¥859.16 待还 借款 1 · 第 6/6 期 · 2026-10-17 应还 ¥845.83 待还
  - paragraph: 每笔借款请先还最早到期的一期。还款日当天未还上就会逾期。
  - link "全部还清":
    - /url: /weilidai/repay/confirm?target=all
""",
    "repay-confirm": """
- main:
  - region "还款金额":
    - paragraph: 全部还清（元，利息算到今天）
    - paragraph: 4,197.89
  - heading "包括" [level=2]
  - text: 借款 1 · 第 2 期 ¥864.57 借款 1 · 第 3 期 ¥833.33 借款 1 · 第 4 期 ¥833.33 借款 1 · 第 5 期 ¥833.33 借款 1 · 第 6 期 ¥833.33
  - heading "付款银行卡" [level=2]
  - group "付款银行卡":
    - text: 付款银行卡 招商银行（8888）
    - radio "招商银行（8888）" [checked]
  - list "银行卡余额":
    - listitem: 招商银行（8888）余额 ¥12,091.65
  - text: 支付密码
  - textbox "支付密码"
  - paragraph: 演示账户的支付密码是 123456 · 还可以输错 3 次
  - button "确认还款"
""",
    "repaid": """
- main:
  - heading "还款成功" [level=2]
  - paragraph: 已从招商银行（8888）还款 ¥4,197.89。
  - paragraph: 所有借款已还清。如需关闭微粒贷，可前往“设置 → 微粒贷管理”。
  - link "完成":
    - /url: /weilidai
  - link "查看借款记录":
    - /url: /weilidai/records
""",
    "records": """
- main:
  - region "借款 3 · ¥2,000.00":
    - heading "借款 3 · ¥2,000.00" [level=2]
    - text: 还款中
    - paragraph: 2026-05-12 借款 · 3 期 · 收款招商银行（8888） · 今天全部还清 ¥2,020.00
    - text: 第 1 期 · 2026-06-12 应还 ¥697.68 待还 第 2 期 · 2026-07-12 应还 ¥686.66 待还 第 3 期 · 2026-08-12 应还 ¥676.99 待还
  - region "借款 2 · ¥5,000.00":
    - heading "借款 2 · ¥5,000.00" [level=2]
    - text: 还款中
    - paragraph: 2026-04-02 借款 · 12 期 · 收款建设银行（6666） · 今天全部还清 ¥4,652.00
    - text: 第 1 期 · 2026-05-02 2026-05-02 还款 ¥491.74 已自动还款 第 2 期 · 2026-06-02 应还 ¥487.70 待还 第 3 期 · 2026-07-02 应还 ¥479.16 待还 第 4 期 · 2026-08-02 应还 ¥474.78 待还 第 5 期 · 2026-09-02 应还 ¥468.33 待还 第 6 期 · 2026-10-02 应还 ¥460.41 待还 第 7 期 · 2026-11-02 应还 ¥455.41 待还 第 8 期 · 2026-12-02 应还 ¥447.91 待还 第 9 期 · 2027-01-02 应还 ¥442.49 待还 第 10 期 · 2027-02-02 应还 ¥436.03 待还 第 11 期 · 2027-03-02 应还 ¥428.33 待还 第 12 期 · 2027-04-02 应还 ¥423.12 待还
  - region "借款 1 · ¥3,000.00":
    - heading "借款 1 · ¥3,000.00" [level=2]
    - text: 还款中
    - paragraph: 2026-02-21 借款 · 6 期 · 收款招商银行（8888） · 今天全部还清 ¥1,508.25
    - text: 第 1 期 · 2026-03-21 2026-03-21 还款 ¥542.00 已自动还款 第 2 期 · 2026-04-21 2026-04-21 还款 ¥538.75 已自动还款 第 3 期 · 2026-05-21 2026-05-21 还款 ¥530.00 已自动还款 第 4 期 · 2026-06-21 应还 ¥523.25 待还 第 5 期 · 2026-07-21 应还 ¥515.00 待还 第 6 期 · 2026-08-21 应还 ¥507.75 待还
""",
    "settings": """
- main:
  - link "还款设置":
    - /url: /weilidai/settings/repayment
    - text: 还款设置 自动还款已开启
  - link "微粒贷管理":
    - /url: /weilidai/manage
  - link "借款记录":
    - /url: /weilidai/records
  - link "常见问题":
    - /url: /weilidai/faq
""",
    "repayment-settings": """
- main:
  - text: 自动还款
  - switch "自动还款" [checked]
  - paragraph: 开启后，每期还款日会自动从还款银行卡扣除应还款项；余额不足时扣款失败，这一期会逾期。
  - heading "还款银行卡" [level=2]
  - group "还款银行卡":
    - text: 还款银行卡 招商银行（8888）
    - radio "招商银行（8888）" [checked]
    - text: 建设银行（6666）
    - radio "建设银行（6666）"
  - paragraph: 自动还款从这张卡扣款。
  - list "银行卡余额":
    - listitem: 招商银行（8888）余额 ¥8,897.51
    - listitem: 建设银行（6666）余额 ¥8,000.00
  - button "保存还款银行卡"
""",
    "management": """
- main:
  - heading "账户" [level=2]
  - text: 账户状态 正常 总额度 ¥20,000.00 可借额度 ¥15,833.35 待还金额 ¥4,197.89 信用记录 良好
  - link "借款记录":
    - /url: /weilidai/records
  - link "关闭微粒贷":
    - /url: /weilidai/manage/close
  - paragraph: 关闭前请先还清所有借款；关闭后不能再使用，借款记录会保留。
""",
    "close-confirm": """
- main:
  - heading "账户" [level=2]
  - text: 账户状态 正常 总额度 ¥20,000.00 可借额度 ¥20,000.00 待还金额 ¥0.00 信用记录 良好
  - link "借款记录":
    - /url: /weilidai/records
  - link "关闭微粒贷":
    - /url: /weilidai/manage/close
  - paragraph: 关闭前请先还清所有借款；关闭后不能再使用，借款记录会保留。
  - dialog "确定关闭微粒贷吗？":
    - heading "确定关闭微粒贷吗？" [level=2]
    - list:
      - listitem: 关闭微粒贷前，请确保已还清所有借款。
      - listitem: 关闭微粒贷后，将无法再次使用该功能。
      - listitem: 关闭微粒贷后，你的借款记录将被保留。
    - link "取消":
      - /url: /weilidai/manage
    - link "确认关闭":
      - /url: /weilidai/manage/close/password
""",
    "close-refused": """
- main:
  - heading "账户" [level=2]
  - text: 账户状态 正常 总额度 ¥20,000.00 可借额度 ¥15,833.35 待还金额 ¥4,197.89 信用记录 良好
  - link "借款记录":
    - /url: /weilidai/records
  - link "关闭微粒贷":
    - /url: /weilidai/manage/close
  - paragraph: 关闭前请先还清所有借款；关闭后不能再使用，借款记录会保留。
  - dialog "暂时不能关闭微粒贷":
    - heading "暂时不能关闭微粒贷" [level=2]
    - list:
      - listitem:
        - text: 关闭微粒贷前，请确保已还清所有借款。
        - strong: 你还有 ¥4,197.89 未还清。
      - listitem: 关闭微粒贷后，将无法再次使用该功能。
      - listitem: 关闭微粒贷后，你的借款记录将被保留。
    - link "取消":
      - /url: /weilidai/manage
    - link "去还款":
      - /url: /weilidai/repay
""",
    "close-password": """
- main:
  - paragraph: 请输入支付密码，以验证身份
  - text: 支付密码
  - textbox "支付密码"
  - paragraph: 演示账户的支付密码是 123456 · 还可以输错 3 次
  - button "确认关闭"
""",
    "closed": """
- main:
  - heading "已关闭" [level=2]
  - paragraph: 微粒贷已关闭，不能再借钱，也不能重新开通。你的借款记录已保留，可以随时查看。
  - link "完成":
    - /url: /weilidai
  - link "查看借款记录":
    - /url: /weilidai/records
""",
    "faq": """
- main:
  - article:
    - region "微粒贷会自动关闭吗？":
      - heading "微粒贷会自动关闭吗？" [level=2]
      - paragraph: 正常使用时不会。只要按时还款、保持良好的信用记录，微粒贷会一直保持正常状态。
      - paragraph: 但有两种情况例外：
      - list:
        - listitem:
          - strong: 长时间不用会被冻结：
          - text: 连续 180 天没有借款或还款，系统会冻结微粒贷。冻结后不能借钱，还款和关闭仍然可以。
        - listitem:
          - strong: 严重逾期会被系统关闭：
          - text: 有一期逾期超过 90 天，系统会关闭微粒贷并收回额度。欠款还清之前，入口、还款和借款记录都还在；还清之后才显示为已关闭。
    - region "怎样避免微粒贷被冻结或关闭？":
      - heading "怎样避免微粒贷被冻结或关闭？" [level=2]
      - list:
        - listitem: 定期使用微粒贷，留意账户情况。
        - listitem: 按期还款，保持良好的信用记录。
        - listitem: 合理借款，避免过度负债。
    - region "怎样关闭微粒贷？":
      - heading "怎样关闭微粒贷？" [level=2]
      - list:
        - listitem: 在微信里进入微粒贷页面（我 → 服务 → 微粒贷借钱）。
        - listitem: 点击页面右上角的“设置”图标。
        - listitem: 在设置页面中，找到“微粒贷管理”。
        - listitem: 点击“微粒贷管理”，进入相关页面。
        - listitem: 在页面下方找到“关闭微粒贷”，点击后确认，再输入支付密码。
    - region "关闭前后要注意什么？":
      - heading "关闭前后要注意什么？" [level=2]
      - list:
        - listitem: 关闭前，必须已还清所有借款；还有欠款时，关闭会被拒绝。
        - listitem: 关闭后，不能再借钱，也不能重新开通。
        - listitem: 关闭后，借款记录会保留，仍可在“借款记录”里查看。
    - region "微粒贷会自动还款吗？":
      - heading "微粒贷会自动还款吗？" [level=2]
      - paragraph: 会。借款时可以选择开启自动还款。开启后，每期还款日系统会自动从绑定的还款银行卡扣除应还款项；卡里余额不足时扣款失败，这一期就会逾期并留下不良记录。
    - region "怎样关闭自动还款？":
      - heading "怎样关闭自动还款？" [level=2]
      - list:
        - listitem: 在微信里进入微粒贷页面。
        - listitem: 点击页面右上角的“设置”图标。
        - listitem: 在设置页面中，找到“还款设置”。
        - listitem: 点击“还款设置”，进入相关页面。
        - listitem: 关闭“自动还款”开关。
      - paragraph: 关闭后，以后的还款日不会再自动扣款，请记得在还款日前手动还款。想重新开启，再打开这个开关即可。
    - region "跟着练一练":
      - heading "跟着练一练" [level=2]
      - paragraph: 每个教程会一步一步标出要点哪里，用的是演示账户，放心操作。
      - list:
        - listitem:
          - link "关闭微粒贷":
            - /url: /tours/close-weilidai
        - listitem:
          - link "有借款时关闭微粒贷":
            - /url: /tours/close-with-debt
        - listitem:
          - link "关闭自动还款":
            - /url: /tours/auto-repay-off
        - listitem:
          - link "微粒贷为什么被冻结":
            - /url: /tours/why-frozen
    - region "这个演示的支付密码是多少？":
      - heading "这个演示的支付密码是多少？" [level=2]
      - paragraph:
        - text: 每个演示账户的支付密码都是
        - strong: "123456"
        - text: 。连续输错 3 次会锁定，需要重置演示账户。
""",
    "scenarios": """
- main:
  - link "新开通的账户":
    - /url: /scenarios/fresh
    - text: 新开通的账户 没有借款、自动还款已开启：看清每个入口在哪里，也可以直接关闭微粒贷。
  - link "正在还款":
    - /url: /scenarios/repaying
    - text: 正在还款 一笔借款还在分期还：关闭微粒贷会被拒绝，要先把借款全部还清。
  - link "已逾期":
    - /url: /scenarios/overdue
    - text: 已逾期 没开自动还款又忘了还，一期已逾期：留下不良记录，逾期超过 90 天系统会关闭微粒贷。
  - link "长期未使用":
    - /url: /scenarios/dormant
    - text: 长期未使用 已经 179 天没有借款或还款：再过一天，微粒贷就会被冻结。
  - link "已冻结":
    - /url: /scenarios/frozen
    - text: 已冻结 长期未使用被系统冻结：不能再借钱，但还款和关闭仍然可以。
  - link "已主动关闭":
    - /url: /scenarios/closed
    - text: 已主动关闭 用户自己关闭了微粒贷：不能再借，也不能重新开通，但借款记录仍然可以查看。
  - link "被系统关闭":
    - /url: /scenarios/force-closed
    - text: 被系统关闭 逾期超过 90 天被系统关闭：额度收回，欠款还清之前入口还在，还清后才显示已关闭。
  - link "余额不足":
    - /url: /scenarios/low-balance
    - text: 余额不足 自动还款已开启，但还款银行卡余额不够下一期：到期扣款失败，这一期就会逾期。
  - link "多笔借款":
    - /url: /scenarios/busy
    - text: 多笔借款 三笔借款分别放在两张银行卡上：看清每一笔的还款计划和状态。
  - paragraph: 选择一个场景，会把你的演示账户重置到那个状态。演示支付密码：123456。
""",
    "scenario-start": """
- main:
  - heading "正在还款" [level=2]
  - paragraph: 一笔借款还在分期还：关闭微粒贷会被拒绝，要先把借款全部还清。
  - paragraph:
    - text: 开始后，你的演示账户会被重置为这个场景（场景代号
    - code: repaying
    - text: ）。演示支付密码：123456。
  - button "开始这个场景"
""",
    "error-404": """
- main:
  - heading "页面不存在" [level=2]
  - paragraph: 错误代码 404
  - link "返回微粒贷":
    - /url: /weilidai
""",
    "loading": """
- main:
  - status:
    - paragraph: 加载中…
  - paragraph:
    - link "没有自动打开？点这里继续":
      - /url: /weilidai
""",
    "system-busy": """
- main:
  - heading "系统繁忙，请稍后重试" [level=2]
  - paragraph: 页面这次没有打开。你的操作不会丢失，也不会重复：点击“重试”即可。
  - link "重试":
    - /url: /weilidai
  - link "返回微粒贷":
    - /url: /weilidai
""",
    "tours": """
- main:
  - link "关闭微粒贷":
    - /url: /tours/close-weilidai
    - text: 关闭微粒贷 从微信首页出发，按文章里的步骤关闭微粒贷。
  - link "有借款时关闭微粒贷":
    - /url: /tours/close-with-debt
    - text: 有借款时关闭微粒贷 还有借款没还清时，关闭会被拒绝：先全部还清，再关闭。
  - link "关闭自动还款":
    - /url: /tours/auto-repay-off
    - text: 关闭自动还款 在还款设置里关闭自动还款，以后到期要自己手动还款。
  - link "微粒贷为什么被冻结":
    - /url: /tours/why-frozen
    - text: 微粒贷为什么被冻结 长时间不借款也不还款，微粒贷会被冻结：看看冻结意味着什么，怎样避免。
  - paragraph: 每个教程会把演示账户重置到它的场景，然后一步一步标出要点哪里。
  - heading "图文指南" [level=2]
  - link "关闭微粒贷的图文指南":
    - /url: /tours/close-weilidai/guide
  - link "有借款时关闭微粒贷的图文指南":
    - /url: /tours/close-with-debt/guide
  - link "关闭自动还款的图文指南":
    - /url: /tours/auto-repay-off/guide
  - link "微粒贷为什么被冻结的图文指南":
    - /url: /tours/why-frozen/guide
  - link "所有图文指南：语言、格式、打印全部":
    - /url: /tours/guides
  - paragraph: 每个教程的截图和说明：网页、打印版和视频。
""",
    "tour-start": """
- main:
  - heading "关闭微粒贷" [level=2]
  - paragraph: 从微信首页出发，按文章里的步骤关闭微粒贷。
  - paragraph: 共 8 步。开始后，演示账户会被重置为“新开通的账户”，每一步都会标出要点哪里。演示支付密码：123456。
  - group: 查看全部步骤
  - navigation "图文指南":
    - link "图文指南":
      - /url: /tours/close-weilidai/guide
    - link "打印版":
      - /url: /tours/close-weilidai/guide.pdf
    - link "视频":
      - /url: /tours/close-weilidai/guide.mp4
  - button "开始教程"
  - button "自动播放"
""",
    "weilidai-home-overdue": """
- main:
  - alert:
    - paragraph: 你有逾期未还的借款
    - paragraph: 逾期金额 ¥1,053.62，已留下不良信用记录。逾期超过 90 天，系统会关闭微粒贷。请尽快还款。
    - paragraph: 怎样避免：定期使用微粒贷，按期还款，合理借款、避免过度负债。
  - paragraph: 可借额度（元）
  - paragraph: 17,000.00
  - paragraph: 总额度 ¥20,000.00 · 日利率 0.05%
  - link "借钱":
    - /url: /weilidai/borrow
  - link "还款":
    - /url: /weilidai/repay
    - text: 还款 逾期 ¥1,053.62
  - link "借款记录":
    - /url: /weilidai/records
    - text: 借款记录 1 笔
  - link "常见问题":
    - /url: /weilidai/faq
""",
    "weilidai-home-force-closed": """
- main:
  - alert:
    - paragraph: 微粒贷已被系统关闭
    - paragraph: 有一期逾期超过 90 天，留下了不良信用记录，系统关闭了微粒贷并收回额度。还清全部欠款 ¥4,308.41 之前，入口、还款和借款记录都还在。
    - paragraph: 怎样避免：定期使用微粒贷，按期还款，合理借款、避免过度负债。
  - paragraph: 可借额度（元）
  - paragraph: "0.00"
  - paragraph: 总额度 ¥0.00 · 日利率 0.05%
  - button "借钱" [disabled]
  - link "还款":
    - /url: /weilidai/repay
    - text: 还款 逾期 ¥4,308.41
  - link "借款记录":
    - /url: /weilidai/records
    - text: 借款记录 1 笔
  - link "常见问题":
    - /url: /weilidai/faq
""",
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_main_region_keeps_its_structure_and_names(page, name):
    scenario, reach = SCREENS[name]
    seed(page, scenario)
    screen = reach(page)
    expect(screen.main).to_match_aria_snapshot(SNAPSHOTS[name])
