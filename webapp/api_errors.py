"""The JSON API's one error contract: every 4xx and 5xx under /api/ answers

    {"error": "<stable snake_case code>", "message": "<words in the session's language>",
     "detail": {...}}

``detail`` is there when there is more to say: which field and why, the valid scenario ids,
the size limit, the methods allowed. ``CODES`` lists every code with its HTTP status and its
words (a Chinese msgid, English in messages.po); a refusal of the account's rules (409) has
the domain's code and webapp/messages.py's words. webapp/openapi.py lists the codes of each
endpoint, and docs/testing.md has the table (scripts/testing_doc.py).
"""

import json
import re

from flask import jsonify

from webapp.i18n import lazy_gettext as _l
from webapp.messages import error_message

CODES = {
    "invalid_json": (400, _l("请求内容不是有效的 JSON")),
    "invalid_body": (400, None),  # the words say which field and why: INVALID_BODY
    "invalid_idempotency_key": (400, _l("Idempotency-Key 须为 1 到 64 个字母、数字或 -_.: 字符")),
    "idempotency_key_reused": (422, _l("这个 Idempotency-Key 已用于另一个请求")),
    "not_found": (404, _l("没有这个接口")),
    "unknown_scenario": (404, _l("没有这个场景：%(name)s")),
    "api_disabled": (404, _l("测试接口已关闭")),
    "method_not_allowed": (405, _l("这个接口不接受 %(method)s 请求")),
    "account_expired": (410, _l("你的演示账户已过期，已为你新开一个账户")),
    "body_too_large": (413, _l("请求内容太大：最多 %(max_bytes)s 字节")),
    "unsupported_media_type": (415, _l("请求内容必须是 JSON（Content-Type: application/json）")),
    "internal_error": (500, _l("系统错误")),
    "store_busy": (503, _l("操作的人太多了，请重试")),
    "store_unavailable": (503, _l("演示数据暂时无法读取或保存，请稍后再试")),
}
REFUSED = 409  # the account's rules say no: the code is the domain's (clock_out_of_range, ...)
PREFIX = "/api"

# invalid_body: detail.reason, and the words for it.
INVALID_BODY = {
    "not_object": _l("请求内容必须是一个 JSON 对象"),
    "unknown_field": _l("不认识的字段：%(field)s"),
    "null": _l("%(field)s 不能是 null"),
    "missing": _l("缺少字段：%(field)s"),
    "one_of": _l("请给出且只给出其中一个：%(fields)s"),
    "duplicate": _l("字段重复：%(field)s"),
    # wrong_value: the words follow what the field's schema asks for (detail.expected).
    "date": _l("%(field)s 必须是 YYYY-MM-DD 格式的日期"),
    "boolean": _l("%(field)s 必须是 true 或 false"),
    "range": _l("%(field)s 必须是 %(minimum)s 到 %(maximum)s 之间的整数"),
    "minimum": _l("%(field)s 必须是不小于 %(minimum)s 的整数"),
    "allowed": _l("%(field)s 只能是以下之一：%(allowed)s"),
    "items": _l("%(field)s 必须是一个不重复的列表，每一项是以下之一：%(allowed)s"),
}
# An HTTP error Werkzeug raises (routing, body size, content type): its code.
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large",
              415: "unsupported_media_type"}


def under_api(path):
    """Whether ``path`` is the API's: /api itself, or any path under /api/."""
    return path == PREFIX or path.startswith(f"{PREFIX}/")


class ApiError(Exception):
    """An API error with its code. ``words`` default to the code's own; ``values`` fill
    their placeholders."""

    def __init__(self, code, detail=None, headers=None, words=None, **values):
        super().__init__(code)
        self.code, self.detail, self.headers = code, detail, headers
        self.words, self.values = words or CODES[code][1], values

    @property
    def message(self):
        return str(self.words % self.values) if self.values else str(self.words)


def status_of(code):
    return CODES[code][0] if code in CODES else REFUSED


def response(code, message, detail=None, headers=None, status=None):
    body = {"error": code, "message": str(message)}
    if detail is not None:
        body["detail"] = detail
    return jsonify(body), status or status_of(code), headers or {}


def answer(error):
    """The response for an ApiError."""
    return response(error.code, error.message, error.detail, error.headers)


def invalid_body(field, reason, schema=None, **values):
    """400 invalid_body: ``field`` (None for the body itself) is not what the endpoint takes.
    ``reason`` is ``wrong_value`` when its value does not fit ``schema``, the field's schema
    in the OpenAPI document (given back as ``detail.expected``)."""
    detail = {"field": field, "reason": reason}
    if reason == "wrong_value":
        detail["expected"] = schema
        words = INVALID_BODY[_wrong_value_words(schema)]
        choices = schema.get("items", schema)  # a list: what each item may be
        values = {"minimum": schema.get("minimum"), "maximum": schema.get("maximum"),
                  "allowed": ", ".join(json.dumps(value) for value in
                                       choices.get("enum", [choices.get("const")]))}
    else:
        words = INVALID_BODY[reason]
    return ApiError("invalid_body", detail, words=words, field=field, **values)


def _wrong_value_words(schema):
    if schema.get("format") == "date":
        return "date"
    if schema.get("type") == "boolean":
        return "boolean"
    if schema.get("type") == "array":
        return "items"
    if schema.get("type") == "integer":
        return "range" if "maximum" in schema else "minimum"
    return "allowed"


def from_refusal(exc):
    """A DomainError the API met: 409 with the domain's code and its words."""
    detail = {name: value.isoformat() if hasattr(value, "isoformat") else value
              for name, value in exc.details.items()}
    return response(exc.code, error_message(exc), detail or None)


def from_http(exc, method, max_bytes):
    """A Werkzeug HTTPException under /api/ in the contract's shape (405 with ``Allow``)."""
    code = HTTP_CODES.get(exc.code)
    if code == "method_not_allowed":
        allowed = sorted(exc.valid_methods or ())
        return answer(ApiError(code, {"allowed": allowed}, {"Allow": ", ".join(allowed)},
                               method=method))
    if code == "body_too_large":
        return answer(ApiError(code, {"max_bytes": max_bytes}, max_bytes=max_bytes))
    if code is not None:
        return answer(ApiError(code))
    # Nothing the API does raises another one; should it happen, it keeps the same shape.
    code = re.sub(r"[^a-z0-9]+", "_", exc.name.lower()).strip("_")
    return response(code, _l("请求有误") if exc.code < 500 else CODES["internal_error"][1],
                    status=exc.code)
