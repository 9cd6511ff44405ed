"""Whom "he" or "she" stands for when the words a report named its persons with say it
("Ms. Cole", "Tara Reid, an actress", "his wife"): the antecedent (the person last named as
a subject, ``compare_referents.context_at``), unless it was named with words of the other
pronoun and a person named as a subject before it with the pronoun's own. No list of first
names: a name alone says nothing here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.compare.referents import Context

# words a person is named with that say whether "he" or "she" stands for them: honorifics
# and nouns of kin and calling ("Ms. Hochul", "his wife, Ann", "actress Tara Reid")
_SHE_WORDS = frozenset(("mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess",
                        "woman", "girl", "mother", "wife", "daughter", "sister", "grandmother",
                        "aunt", "niece", "widow", "girlfriend", "actress", "businesswoman",
                        "spokeswoman", "congresswoman", "chairwoman", "councilwoman"))
_HE_WORDS = frozenset(("mr", "sir", "lord", "king", "prince", "man", "boy", "father",
                       "husband", "son", "brother", "grandfather", "uncle", "nephew", "widower",
                       "boyfriend", "businessman", "spokesman", "congressman", "councilman"))


def agreeing(pronoun: str, context: Context) -> str | None:
    """Whom "he" or "she" stands for: the antecedent, unless the words it was named with say
    the other ("Ms.", "his wife") and a person named as a subject before it is called with
    the pronoun's: then the last such person."""
    def called(person: str | None, words: frozenset[str]) -> bool:
        return any(p == person and role in words for role, p in context.roles)

    own, other = ((_SHE_WORDS, _HE_WORDS) if pronoun.lower() == "she"
                  else (_HE_WORDS, _SHE_WORDS))
    if not called(context.antecedent, other) or called(context.antecedent, own):
        return context.antecedent
    return next((p for p in reversed(context.subjects) if called(p, own)
                 and not called(p, other)), context.antecedent)
