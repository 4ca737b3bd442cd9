/* okrContrast: colours from computed styles, resolved through a 1x1 canvas, composited as the
   browser paints them; ratios by the WCAG 2 formula. Read by page_contrast.py. */
(() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });

  function rgba(css) {
    if (!css || css === "none") return [0, 0, 0, 0];
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function backgroundBehind(element) {
    const chain = [];
    for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
      chain.unshift(getComputedStyle(e).backgroundColor);
    }
    return chain.reduce((below, css) => over(rgba(css), below), [255, 255, 255, 1]);
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  function describe(element) {
    return (element.textContent || element.getAttribute("class") || element.tagName).trim().slice(0, 60);
  }
  function isLarge(element, px) {
    const bold = Number(getComputedStyle(element).fontWeight) >= 700;
    return px >= 24 || (bold && px >= 18.66);
  }

  /* Text of HTML elements against the backgrounds of their ancestors. */
  function htmlText(selector) {
    return [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
      const style = getComputedStyle(e);
      const background = backgroundBehind(e);
      const px = parseFloat(style.fontSize);
      return { what: describe(e), ratio: ratio(over(rgba(style.color), background), background),
               large: isLarge(e, px), px };
    });
  }
  /* SVG text against the fill of the shape it sits on (a diagram's node box). */
  function svgText(selector, shapeSelector) {
    return [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
      const page = backgroundBehind(e.ownerSVGElement.parentElement);
      const shape = e.parentElement.querySelector(shapeSelector);
      const background = shape ? over(rgba(getComputedStyle(shape).fill), page) : page;
      const px = parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a;
      return { what: describe(e), ratio: ratio(over(rgba(getComputedStyle(e).fill), background), background),
               large: isLarge(e, px), px };
    });
  }
  /* A filled shape (a progress bar's fill) against the page behind it: non-text contrast. */
  function fills(selector) {
    return [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
      const background = backgroundBehind(e.parentElement.parentElement);
      return { what: describe(e.parentElement), ratio: ratio(over(rgba(getComputedStyle(e).backgroundColor), background), background),
               large: true, px: 0 };
    });
  }
  /* Text inside an SVG image (a badge) against the rectangle under its middle. */
  async function imageText(img) {
    const source = await (await fetch(img.currentSrc || img.src)).text();
    const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
    const rects = [...svg.querySelectorAll("rect[fill^='#']")];
    return [...svg.querySelectorAll("text:not([aria-hidden])")].map(text => {
      const scale = Number((text.getAttribute("transform") || "").replace(/[^0-9.]/g, "")) || 1;
      const x = Number(text.getAttribute("x")) * scale;
      const under = rects.filter(r => {
        const left = Number(r.getAttribute("x") || 0);
        return left <= x && x <= left + Number(r.getAttribute("width"));
      }).pop();
      const fill = text.getAttribute("fill") || text.parentElement.getAttribute("fill");
      return { what: text.textContent, ratio: ratio(rgba(fill), rgba(under.getAttribute("fill"))),
               large: false, px: 11 };
    });
  }
  window.okrContrast = { htmlText, svgText, fills, imageText };
})();
