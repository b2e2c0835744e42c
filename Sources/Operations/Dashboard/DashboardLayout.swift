/// The frame of every dashboard page: a header with the navigation, the style sheet, no
/// script. One column that reads at 390 px; lists become tables from 760 px on. Every colour
/// pair meets WCAG AA (4.5:1; the browser check measures it in the page).
enum DashboardLayout {
    static func page(title: String, current: String?, body: String) -> String {
        let links = [("/", "Escalations"), ("/#approvals", "My Approvals"), ("/#mail", "Mail problems"), ("/report", "Report")]
        let nav = links.map { href, label in
            "<a href=\"\(href)\"\(label == current ? " aria-current=\"page\"" : "")>\(label)</a>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>\(HTML.escape(title)) – Escalation Gateway</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="top"><div class="wrap"><span class="brand">Escalation Gateway</span><nav aria-label="Dashboard">\(nav)</nav></div></header>
            <main class="wrap">
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static let style = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1f24;background:#ffffff;overflow-wrap:anywhere}
        .wrap{max-width:1240px;margin:0 auto;padding:0 16px}
        .top{background:#1f2937;color:#ffffff}
        .top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:4px 20px;padding-top:10px;padding-bottom:10px}
        .brand{font-weight:700}
        .top nav{display:flex;flex-wrap:wrap;gap:4px 16px}
        .top a{color:#e5e7eb;text-decoration:none;padding:6px 0;display:inline-block}
        .top a[aria-current]{color:#ffffff;text-decoration:underline;text-underline-offset:4px}
        h1{font-size:1.6rem;margin:20px 0 8px}
        h2{font-size:1.25rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #d1d5db}
        h3{font-size:1.05rem;margin:18px 0 6px}
        a{color:#0b57d0}
        p{margin:6px 0}
        .muted{color:#4b5563}
        .count{color:#4b5563;font-weight:400}
        .badge{display:inline-block;padding:1px 9px;border-radius:999px;font-weight:700;font-size:.9rem;white-space:nowrap}
        .clock{display:inline-block;padding:1px 8px;margin:2px 4px 2px 0;border-radius:4px;font-size:.9rem;border:1px solid}
        .clock-ok{background:#ecfdf3;color:#14532d;border-color:#86efac}
        .clock-warn{background:#fef9c3;color:#713f12;border-color:#facc15;font-weight:700}
        .clock-breach{background:#fee2e2;color:#7f1d1d;border-color:#f87171;font-weight:700}
        .clock-met{background:#eff6ff;color:#1e3a8a;border-color:#93c5fd}
        .clock-replaced,.clock-stopped{background:#f3f4f6;color:#374151;border-color:#d1d5db}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid #e5e7eb}
        th{background:#f3f4f6;color:#374151;font-size:.9rem}
        td{overflow-wrap:anywhere}
        .nowrap{white-space:nowrap}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
        dl.facts dt{color:#4b5563}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        .card{border:1px solid #d1d5db;border-radius:8px;padding:10px 12px;margin:10px 0;background:#ffffff}
        .card h3{margin:0 0 4px}
        .quote{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0;padding:8px 10px;background:#f9fafb;border-left:4px solid #9ca3af}
        pre.mail{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.45 ui-monospace,"DejaVu Sans Mono",monospace;margin:6px 0 0;padding:8px 10px;background:#f9fafb;color:#1b1f24}
        .mail-in{border-left:6px solid #0b57d0}
        .mail-out{border-left:6px solid #4b5563}
        details.mail-text summary{cursor:pointer;color:#0b57d0;min-height:24px}
        .tag{display:inline-block;padding:0 6px;border-radius:4px;background:#e5e7eb;color:#1f2937;font-size:.85rem}
        form.filter{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin:8px 0}
        form.filter label{display:flex;flex-direction:column;font-size:.9rem;color:#374151;flex:1 1 240px;max-width:420px}
        input{font:inherit;padding:8px;border:1px solid #6b7280;border-radius:6px;color:#1b1f24;background:#ffffff;min-height:44px}
        button{font:inherit;padding:8px 16px;border:0;border-radius:6px;background:#0b57d0;color:#ffffff;min-height:44px}
        ul.plain{padding-left:20px;margin:6px 0}
        .empty{color:#4b5563;font-style:italic}
        .error{background:#fee2e2;color:#7f1d1d;padding:8px 12px;border-radius:6px}
        @media (max-width:759px){
          table.list thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          table.list,table.list tbody,table.list tr,table.list td{display:block;width:100%}
          table.list tr{border:1px solid #d1d5db;border-radius:8px;margin:10px 0;padding:4px 0}
          table.list td{border:0;padding:3px 12px}
          table.list td[data-label]{position:relative;padding-left:calc(6.5rem + 20px);min-height:30px}
          table.list td[data-label]::before{content:attr(data-label);position:absolute;left:12px;top:5px;width:6.5rem;font-size:.85rem;color:#4b5563}
          dl.facts{grid-template-columns:1fr}
          dl.facts dd{margin-bottom:6px}
        }
        """
}
