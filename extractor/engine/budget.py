"""``--max-cost``: start an article only while what is spent, what the articles in flight may
still cost, and what this one may cost stay within the budget."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.contract.pricing import PER_TOKENS, Price

CHARS_PER_TOKEN = 4


@dataclass
class Budget:
    limit: float | None  # USD; None: no budget
    price: Price | None
    max_tokens: int | None  # the answer limit, the worst case until answers are seen
    spent: float = 0.0
    _reserved: dict[str, float] = field(default_factory=dict)
    _answers: int = 0
    _completion_tokens: int = 0
    exhausted: bool = False

    def estimate(self, prompt_chars: int, requests: int) -> float:
        """What an article of ``prompt_chars`` characters sent in ``requests`` may cost."""
        if self.price is None:
            return 0.0
        if self._answers:
            completion = self._completion_tokens / self._answers * 1.5
        else:
            completion = float(self.max_tokens or 1000) * requests
        prompt = prompt_chars / CHARS_PER_TOKEN
        return (prompt * self.price[0] + completion * self.price[1]) / PER_TOKENS

    @property
    def reserved(self) -> float:
        """What the articles in flight may still cost."""
        return sum(self._reserved.values())

    def reserve(self, article_id: str, estimate: float) -> bool:
        """Reserve ``estimate`` for an article about to start; False (for good) once the
        budget would be exceeded."""
        if self.limit is None:
            return True
        if self.exhausted or self.spent + sum(self._reserved.values()) + estimate > self.limit:
            self.exhausted = True
            return False
        self._reserved[article_id] = estimate
        return True

    def settle(self, article_id: str, spent: float | None, completion_tokens: int) -> None:
        """An article finished: replace its reservation with what it cost."""
        self._reserved.pop(article_id, None)
        self.spent += spent or 0.0
        if completion_tokens:
            self._answers += 1
            self._completion_tokens += completion_tokens
