"""The public site's addresses as other sites quote them: absolute, from SITE_URL (the address
the site is served at behind its proxy), never from the request's Host header."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str = "") -> str:
    """SITE_URL and `path`, or the page's own path when none is given."""
    return settings.SITE_URL + (path or context["request"].path)


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # Rendered (and escaped) once, then shown as it is wherever the name is written.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """`{% capture name %}...{% endcapture %}`: the page's title and description, written once
    in a block that each page fills, shown in <title>, the description and the link previews."""
    try:
        _tag, name = token.split_contents()
    except ValueError as wrong:
        raise template.TemplateSyntaxError("Use {% capture name %}...{% endcapture %}") from wrong
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)
