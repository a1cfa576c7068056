from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "pages/blocks/figure.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])
    link_url = blocks.URLBlock(label=_("Link"), required=False)
    link_text = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "pick"
        template = "pages/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Section heading"), form_classname="title", template="pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="pages/blocks/paragraph.html",
    )
    figure = FigureBlock(label=_("Image"))
    callout = CalloutBlock(label=_("Callout"))
