"""Speech cleaning of an article's blocks: the lines a listener must never hear.

:mod:`voxpress.extract` removes page furniture by what an element *is* (a share bar, a
caption, a player); this module drops, or trims, blocks by what they *say*: "Read also:"
teasers and the related-story lists under "Related", membership and subscription appeals,
"Follow us on Instagram", affiliate disclosures, "3 min read", meta lines
("January 13 | categories: Python | View Comments"), the title and byline repeated in the body,
and a trailing "[read more]". Phrases are listed for the languages of the shared corpus
(English, German, French, Spanish, Portuguese, Italian, Polish); a sentence that merely
mentions such words is kept: each rule also needs the line to be short or to address the
reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .metadata import Metadata, normalize_byline
from .models import Block


def _any(*alternatives: str) -> str:
    """One regex alternation of phrases, grouped: listed a language or a kind per line."""
    return "(" + "|".join(alternatives) + ")"


BOILERPLATE = re.compile(
    "^"
    + _any(
        r"read more|also read|read also|see also|related( stories| articles| coverage)?|more:",
        r"advertisement|sponsored|sign up|subscribe|click here|follow us|share (this|on)",
        r"listen to (this|the) article|this audio is (created|generated)|skip to|edit post",
        r"\d+\s*(min|minute)s?\s*read|photo:|image:|credit:|getty images|©|copyright",
        r"all rights reserved|loading|please enable javascript|we use cookies|view comments",
        r"(story|article) continues below|continue reading|watch:|video:|this is a modal window",
        r"(zobacz (wideo|film)|watch (the )?video|mira el video|ver v[ií]deo)\b",
        r"comments \(\d+( posted)?\)|log in now",
        r"this feature is (temporarily )?unavailable|please try again|our standards:|zum angebot:",
    ),
    re.IGNORECASE,
)
READ_ALSO = _any(
    r"read (more|also|next)|also read|related|see also|more|watch|listen",
    r"le[ae] (también|más)|vea también|ver también|(también )?te puede interesar",
    r"seguir leyendo",
    r"(le |te )?puede interesar|mir[ae]|ver más",
    r"lire aussi|à lire aussi|(à )?voir aussi",
    r"lesen sie (auch|mehr)|mehr zum thema|siehe auch|auch interessant",
    r"czytaj (też|także|również|więcej)|zobacz (też|także|również)",
    r"leia (também|mais)|veja também|saiba mais|leggi anche|vedi anche",
)
INLINE_LEAD = re.compile(rf"^{READ_ALSO}\s*[:»>|]", re.IGNORECASE)
"""A teaser line inside the body: 'Czytaj też: Wyścig zbrojeń ruszył', 'VEA TAMBIÉN: …'."""
RELATED_HEADING = re.compile(
    "^"
    + _any(
        READ_ALSO,
        r"related (stories|articles|coverage|news|posts|content)|more (\w+ )?(stories|news|from)",
        r"you (may|might) also like|recommended( for you)?|most (read|popular)|trending",
        r"(notas|noticias|artículos) relacionad[oa]s|contenido relacionado|conteúdo relacionado",
        r"articles liés|sur le même sujet|weitere artikel|ähnliche artikel|powiązane( artykuły)?",
        r"相关(阅读|新闻|文章)|(精彩)?(视频)?推荐|推荐阅读|延伸阅读|関連記事",
        _any(
            r"more (from|on|about)|más (sobre|de)|plus (sur|de)",
            r"mehr (von|zu|über|aus)|więcej (o|z)",
        )
        + r"(\s+\S+){1,4}",
    )
    + r"\s*:?$",
    re.IGNORECASE,
)
"""The heading of a related-story list: the short lines after it are teasers."""
TAGS_LABEL = re.compile(
    "^"
    + _any(
        r"tags|topics|temas|etiquetas|tópicos|schlagwörter|themen|sujets|mots-clés",
        r"tematy|tagi|argomenti",
    )
    + r"\s*:?$",
    re.IGNORECASE,
)
"""The label of the story's tag list: the short lines after it are tags."""
READ_MORE_TAIL = re.compile(
    r"(\s*[\[(]\s*"
    + _any(
        r"czytaj więcej|więcej|read more|more|continue reading|leer más|más|lire la suite",
        r"lire plus|weiterlesen|mehr|leia mais|continua a leggere",
    )
    + r"\s*[\])]"
    r"|(?<=[.!?…\"”])\s+"
    + _any(
        r"read more|czytaj więcej|continue reading|leer más|lire la suite|weiterlesen",
        r"leia mais|continua a leggere",
    )
    + r"\s*[»›…>]*)\s*$",
    re.IGNORECASE,
)
"""A link to the rest of a teaser, at the end of a paragraph: '… w Polsce. [czytaj więcej]'."""
APPEAL = re.compile(
    r"\b"
    + _any(
        r"subscrib\w*|subscription|become a (member|subscriber|patron)|membership|newsletter",
        r"support (our|independent) journalism|support us|donate|sign up for",
        r"cancel (at )?any ?time|unlimited (digital )?access|in your inbox",
        r"download (our|the|your( new)?) app|submit (your|a) (letter|story|tip)",
        r"hazte (miembro|socio)|suscr[ií]b\w*|cancela cuando quieras",
        r"apóyanos|apoya(nos)? (a|al|el|la|nuestr\w+)",
        r"abonnez-vous|abonnement|sans engagement|je m['’]abonne",
        r"abonnier\w*|jetzt (lesen|abonnieren)|jederzeit kündbar",
        r"zasubskrybuj|prenumerat\w*|subskrypcj\w*|assine|assinante|iscriviti|abbonati",
    )
    + r"\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(
    r"\b"
    + _any(
        r"you|your|you're|tu|tú|usted|vous|votre|sie|ihr|du|dein|twój|você|voi",
        r"hazte|únete|apóyanos|disfruta|join (us|now|today)|abonnez|unterstützen|wesprzyj|apoie",
        r"sostienici|log in|sign in|inicia sesión|connectez-vous|zaloguj|zapraszamy",
        r"escr[ií]b(enos|irnos)|contact us|write to us|écrivez-nous|schreiben sie uns|napisz do nas",
    )
    + r"\b|[\w.+-]+@[\w-]+\.[\w.]+",
    re.IGNORECASE,
)
"""A line speaking to the reader: an appeal, not reporting about subscriptions."""
DISCLOSURE = re.compile(
    _any(
        r"\b(we|this (post|article|page|story)) (may )?(earn|receive|get)s? (a )?(small )?"
        r"(compensation|commission)",
        r"\baffiliate (links?|commission)|\bcontains references to products",
        r"\benthält (affiliate|werbe)-?links|\benlaces de afiliad[oa]s?",
        r"\bliens (affiliés|d'affiliation)",
    ),
    re.IGNORECASE,
)
SOCIAL = re.compile(
    r"\b(youtube|instagram|facebook|twitter|whatsapp|telegram|tiktok|linkedin|google news)\b",
    re.IGNORECASE,
)
SOCIAL_PROMO = re.compile(
    _any(
        r"^¡?(follow|s[ií]guenos|siga(nos)?|suivez|folgen sie|obserwuj|seguici|join us|subscribe)\b",
        r"\b(únete|join us|suscr[ií]bete|subscribe|abonniere|abonnez-vous)\b",
        r"\b(our|nuestro|nuestra|notre|nos|unser\w*|nasz\w*|nosso|nossa)\s+(\w+\s+)?"
        r"(channel|canal|chaîne|kanal|page|página|account|cuenta|profile|perfil)\b",
    ),
    re.IGNORECASE,
)
"""'Follow The Gleaner on Twitter', '¡Mira lo que tiene nuestro canal de YouTube!'."""
_AGENCIES = (
    r"getty images|reuters|afp|ap photo|shutterstock|istock\w*|epa|alamy|dpa|imago"
    r"|unsplash|123rf|pexels|pixabay"
)
PHOTO_CREDIT = re.compile(
    _any(
        r"(/|\||\bvia\b|\bfoto:|\bphoto:|©).*\b("
        + _AGENCIES
        + r"|associated press|picture[- ]alliance|anadolu|bloomberg|nurphoto|sipa)\b",
        r"\b(" + _AGENCIES + r")\s*(/|\|)",
    ),
    re.IGNORECASE,
)
"""A photo credit left in the body: 'Peter Macdiarmid/Getty Images', 'Oli Scarff | Getty Images'."""
PHOTO_LABEL = re.compile(
    r"^((top|featured|cover|header|lead|main|hero) )?"
    + _any(
        r"photo|photograph|picture|image|credit|bild|foto|imagen|immagine|zdjęcie|fot\.",
    )
    + r"(s|es|er|ia)?( credits?)?\s*(:|by\b|courtesy\b|©)"
    r"|^(©\s*)?(\d{4}\s+)?(getty( images)?|" + _AGENCIES + r")$|^courtesy of\b",
    re.IGNORECASE,
)
"""A short photo credit: 'Image credit: www.apple.com', 'Fotos: Sasi Ponchaisang/123RF',
'Top photo by Joan Bardeletti', a bare 'Getty' under each slide."""
AGENCY = re.compile(r"^\(?(\w{1,4}\s)?[\w.]{1,6}(/[\w.]{1,6})+\)?$|^[A-ZÀ-Ý]{2,6}$")
"""An agency or initials credit closing a story: 'aja/PAP', 'js/dpa', 'PM DJV/fh', 'RIRM'."""
SECTION_LABEL = re.compile(r"^[A-ZÀ-ÝĄĆĘŁŃÓŚŹŻ]{4,}$")
"""One capitalized word closing the story: the label of a list that was left out ('NAJNOWSZE')."""
BARE_DOMAIN = re.compile(
    r"^(www\.)?[\w-]+(\.[\w-]+)*\.(com|net|org|info|io|news|gov|edu|[a-z]{2})$"
    r"|^https?://\S+$",
    re.IGNORECASE,
)
"""A line that is only a domain or a web address: a credit, or an embed that did not load."""
SLIDE = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}\b")
"""A gallery slide's counter heading ('12/50 Blockbusters aid Pinewood expansion')."""
GALLERY_HEADING = re.compile(
    r"\bin pictures$|^(photo )?gallery\b|^(in pictures|photos):", re.IGNORECASE
)
RIGHTS = re.compile(
    _any(
        r"all rights reserved|tous droits réservés|alle rechte vorbehalten",
        r"todos los derechos reservados|wszelkie prawa zastrzeżone",
        r"未经授权|不得转载|版权所有|無断転載",
    ),
    re.IGNORECASE,
)
"""A rights notice closing the story ('未经授权，不得转载')."""
TIME_ONLY = re.compile(
    r"^(?=.*\d)(\d{1,2}:\d{2}\s*([ap]\.?m\.?)?|"
    + _any(
        r"(last )?updated|published|posted|créé|mis à jour|publié|actualizado|publicado",
        r"aktualisiert|veröffentlicht|erstellt|zaktualizowano|opublikowano",
    )
    + r")\b.{0,30}$",
    re.IGNORECASE,
)
DATE_ONLY = re.compile(
    r"^(([^\W\d_]+,?\s+)?\d{1,2}\.?\s+(de\s+)?[^\W\d_]{3,}\.?,?\s+(de\s+)?\d{4}"
    r"|([^\W\d_]+,?\s+)?[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4})"
    r"(,?\s+\d{1,2}[:.h]\d{2}(\s*([ap]\.?m\.?|uhr|h))?)?$",
    re.IGNORECASE,
)
"""A line that is only a date ('Lunes 18 abril, 2022', '28 kwietnia 2021, 06:29'): the dateline."""
COOKIES = re.compile(
    r"\b(site|website|we|page|portal|nous|wir|sitio|strona|serwis)\b[^.]{0,40}?\b"
    r"(uses?|utilisons|utilise|verwenden|verwendet|nutzt|usamos|utilizamos|utiliza|używa\w*)\s+"
    r"(\w+\s+){0,2}cookies?\b|do not show this message again",
    re.IGNORECASE,
)
"""A cookie notice: 'This website uses cookies to improve your experience…'."""
BUTTON = re.compile(
    r"^"
    + _any(
        r"close|cerrar|fermer|schließen|zamknij|chiudi|fechar|home|inicio|accueil|startseite",
        r"(show|hide) (images|more)|load more|ver más|mostrar más|mehr anzeigen|voir plus",
        r"next|previous|prev|weiter|zurück|siguiente|anterior|suivant|précédent",
        r"dalej|następny|poprzedni",
    )
    + r"$",
    re.IGNORECASE,
)
"""A control's label read out of a dialog or a gallery ('Close', 'Hide Images')."""
LABEL = re.compile(r"^[^\W\d_][^:]{0,40}:$")
"""A label whose content was left out ('Seguir leyendo:', 'Ein Beitrag von:'): at the end
of the story, nothing follows it."""
SENTENCE_ENDS = (".", "!", "?", '"', "”", "»", "。", "！", "？", "」")
"""How a sentence (or a quoted one) ends, in the corpus's languages."""
META_SEPARATORS = 2
"""A short line cut into three or more fields by ' | ' is a meta line (date | tags | comments)."""


def filter_blocks(blocks: Iterable[Block], md: Metadata) -> Iterator[Block]:
    """Drop lines a listener must not hear: teasers, appeals, cookie notices, 'N min read',
    repeated title and byline, headings, credits and labels closing the story with nothing
    after them; trim a trailing '[read more]'."""
    kept = list(_filter(blocks, md))
    while len(kept) > 1 and (
        _heading_over_nothing(kept[-1])
        or kept[-1].kind == "paragraph"
        and (
            AGENCY.match(kept[-1].text)
            or SECTION_LABEL.match(kept[-1].text)
            or (LABEL.match(kept[-1].text) and word_count(kept[-1].text) <= 5)
        )
    ):
        kept.pop()  # a heading over nothing, a closing credit or label
    return iter(_without_closing_teaser(kept))


CUT_SHORT = re.compile(r"(\s|\[)(…|\.\.\.)\]?\s*$")
"""An excerpt cut at a word ('… diktiert, dass …', '[…]'), unlike a sentence trailing off
('go check it out...')."""
TEASER_WORDS = 150
"""At most this many words under the last heading, ending in '…', are another story's teaser."""


def _without_closing_teaser(blocks: list[Block]) -> list[Block]:
    """Drop a teaser for another story closing the page: the last heading and the few lines
    under it, when they stop mid-sentence ('Sechzig Jahre lang hat uns … diktiert, dass …')."""
    if not blocks or not CUT_SHORT.search(blocks[-1].text):
        return blocks
    head = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].kind == "heading"), None)
    if head is None or head == 0 or len(blocks) - head > 5:
        return blocks
    if sum(word_count(b.text) for b in blocks[head:]) > TEASER_WORDS or not any(
        b.kind != "heading" for b in blocks[:head]
    ):
        return blocks
    return blocks[:head]


def _heading_over_nothing(block: Block) -> bool:
    """A section heading closing the story (a related-links box's title); not a pull quote
    set as a heading, which ends a sentence."""
    return block.kind == "heading" and not block.text.rstrip().endswith(SENTENCE_ENDS)


def _filter(blocks: Iterable[Block], md: Metadata) -> Iterator[Block]:
    title = (md.title or "").lower()
    byline = (md.byline or "").lower()
    in_related = in_slide = False
    for block in blocks:
        if block.kind == "table":
            yield block
            continue
        trimmed = READ_MORE_TAIL.sub("", block.text)
        if trimmed != block.text and len(trimmed.split()) >= 3:
            block = Block(block.kind, trimmed, block.level)
        text = block.text
        low = text.lower()
        words = word_count(text)
        if block.kind == "heading" and SLIDE.match(low):
            in_slide = True  # a photo gallery: its slide titles and captions are not the story
            continue
        if block.kind == "heading" and GALLERY_HEADING.search(low):
            continue
        if in_slide:
            in_slide = False
            if block.kind in ("paragraph", "list_item"):
                continue
        if (RELATED_HEADING.match(low) or TAGS_LABEL.match(low)) and words <= 6:
            in_related = True  # a teaser list follows: drop it up to the next real paragraph
            continue
        if in_related:
            if words <= 25 and block.kind != "heading":
                continue
            in_related = False
        if low == title or _unwanted(block, low, words):
            continue
        if _repeated_byline(block, low, words, byline):
            continue
        yield block


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese, Japanese and Korean, written without spaces, a word is
    about one and a half characters."""
    return max(len(text.split()), len(_CJK.findall(text)) * 2 // 3)


def _unwanted(block: Block, low: str, words: int) -> bool:
    text = block.text
    # 'Subscribe to LWN', 'Hazte miembro…': appeals; a reported sentence ends in a full stop.
    if (
        words <= 60
        and APPEAL.search(text)
        and (ADDRESS.search(text) or (words <= 12 and not text.endswith(".")))
    ):
        return True
    if words <= 80 and (DISCLOSURE.search(text) or RIGHTS.search(text)):
        return True
    if words <= 30 and SOCIAL.search(text) and SOCIAL_PROMO.search(text):
        return True
    if BOILERPLATE.match(low) and words <= 14:
        return True
    if INLINE_LEAD.match(low) or TIME_ONLY.match(low) or BARE_DOMAIN.match(low):
        return True
    if BUTTON.match(low) or (block.kind != "heading" and DATE_ONLY.match(text)):
        return True
    if words <= 80 and COOKIES.search(text):
        return True
    if words <= 8 and block.kind != "heading" and PHOTO_CREDIT.search(text):
        return True
    if words <= 12 and block.kind != "heading" and PHOTO_LABEL.match(text):
        return True
    if block.kind == "paragraph" and words <= 30 and low.count(" | ") >= META_SEPARATORS:
        return True
    return not re.search(r"[^\W\d_]", text)  # no letters at all


def _repeated_byline(block: Block, low: str, words: int, byline: str) -> bool:
    low = low.lstrip(" -–—*•|")  # '---- by Kenneth Surin'
    if byline and words <= 12 and (low == byline or low in (f"by {byline}", f"by: {byline}")):
        return True
    if byline and words <= 12 and low.startswith(byline) and re.search(r"@|\d", low[len(byline) :]):
        return True  # 'Johnny Castro johnnycastro@larepublica.net | Viernes 22 abril, 2022'
    credit = re.match(r"^((written|words|story|reporting) )?by:?\s+\S", low)
    if block.kind != "heading" and words <= 10 and credit:
        ends_sentence = block.text.rstrip().endswith(SENTENCE_ENDS)
        return bool(normalize_byline(block.text)) and not ends_sentence
    return False


def dedupe(blocks: Iterable[Block]) -> Iterator[Block]:
    """Drop a block identical to the one before it."""
    last: Block | None = None
    for block in blocks:
        if last is None or block.text != last.text:
            yield block
        last = block
