"""htmx helpers: fragment detection, single-block rendering, redirects.

Conventions (htmx 4 swaps every status except 204 and 304):
- A full page is the default; an htmx request (not a boosted navigation) gets the
  page's named block, and such responses carry `Vary: HX-Request`.
- Validation errors answer 422 with the re-rendered form (full page or block), so
  the same template serves JavaScript and no-JavaScript users alike.
- After a successful POST: 303 to the next page without htmx; with htmx, the
  fragment in place, or HX-Redirect when the whole page must change.
"""
from __future__ import annotations

from flask import current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue


def is_htmx() -> bool:
    """Any request made by htmx."""
    return request.headers.get("HX-Request") == "true"


def is_fragment_request() -> bool:
    """An htmx request that wants a fragment, not a boosted or full-page navigation."""
    return (
        is_htmx()
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-Request-Type", "partial") != "full"
    )


def render_block(template_name: str, block_name: str, **context) -> str:
    """Render one named block of a page template, with the page's full context.

    Jinja runs a template's top-level imports only when the whole page renders,
    so a swappable block imports the macros it uses inside itself.
    """
    app = current_app._get_current_object()
    template = app.jinja_env.get_or_select_template(template_name)
    app.update_template_context(context)
    block = template.blocks[block_name]
    return "".join(block(template.new_context(context)))


def render_page_or_block(template_name: str, block_name: str, status: int = 200, **context):
    """The full page, or just `block_name` for an htmx fragment request."""
    if is_fragment_request():
        body = render_block(template_name, block_name, **context)
    else:
        body = render_template(template_name, **context)
    return body, status, {"Vary": "HX-Request"}


def redirect_after_post(location: str) -> ResponseReturnValue:
    """303 See Other for browsers; HX-Redirect for htmx so the whole page changes."""
    if is_htmx():
        return "", 204, {"HX-Redirect": location}
    return redirect(location, 303)
