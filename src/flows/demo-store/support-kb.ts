/**
 * The demo store's help articles: the policies the support assistant cites (shipping, returns,
 * payments, warranty, sizing, privacy) in English and French, the most asked ones in German too.
 * The figures match the demo store's own settings (shipping methods and prices, the 30-day return
 * window, pickup and curbside), so an answer quoted from here is true of the store.
 */
export interface DemoArticle { key: string; category: string; language: string; title: string; tags: string[]; body: string }

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    key: 'shipping-policy', category: 'shipping', language: 'en', title: 'Shipping: methods, costs and delivery times', tags: ['delivery', 'shipping', 'tracking'],
    body: `We ship from our warehouse every working day. Orders placed before 2 pm (store time) leave the same day.

# Delivery methods in the United States
- Standard delivery takes 3–5 working days and costs 5.99. It is free on orders over 75.00.
- Express delivery takes 1–2 working days and costs 14.99.

# International delivery
International delivery takes 7–14 working days and costs 19.99. Import duties and taxes of the destination country are paid by the recipient on delivery.

# Tracking your parcel
As soon as your parcel leaves us you receive an email with the carrier and a tracking link. You can also see the tracking number on your order page in your account, or by looking up the order with its number and your email address.

# Pickup and curbside
You can collect an order for free at one of our stores: choose "Pick up" or "Curbside" at checkout. We email you when it is ready, usually within 2 hours during opening hours. For curbside, tell us you are here from the order page and we bring it to your car.`,
  },
  {
    key: 'shipping-policy', category: 'shipping', language: 'fr', title: 'Livraison : modes, frais et délais', tags: ['livraison', 'expédition', 'suivi'],
    body: `Nous expédions depuis notre entrepôt chaque jour ouvré. Les commandes passées avant 14 h partent le jour même.

# Modes de livraison aux États-Unis
- La livraison standard prend 3 à 5 jours ouvrés et coûte 5,99. Elle est gratuite dès 75,00 d'achat.
- La livraison express prend 1 à 2 jours ouvrés et coûte 14,99.

# Livraison internationale
La livraison internationale prend 7 à 14 jours ouvrés et coûte 19,99. Les droits et taxes d'importation du pays de destination sont à la charge du destinataire.

# Suivi de votre colis
Dès que votre colis part, vous recevez un e-mail avec le transporteur et un lien de suivi. Le numéro de suivi figure aussi sur la page de votre commande.

# Retrait en magasin et au volant
Vous pouvez retirer une commande gratuitement dans l'un de nos magasins (« Retrait » ou « Au volant » lors du paiement). Nous vous prévenons par e-mail quand elle est prête, en général sous 2 heures pendant les heures d'ouverture.`,
  },
  {
    key: 'shipping-policy', category: 'shipping', language: 'de', title: 'Versand: Versandarten, Kosten und Lieferzeiten', tags: ['lieferung', 'versand', 'sendungsverfolgung'],
    body: `Wir versenden an jedem Werktag aus unserem Lager. Bestellungen bis 14 Uhr verlassen uns noch am selben Tag.

# Versandarten in den USA
- Standardversand dauert 3–5 Werktage und kostet 5,99. Ab einem Bestellwert von 75,00 ist er kostenlos.
- Expressversand dauert 1–2 Werktage und kostet 14,99.

# Internationaler Versand
Internationaler Versand dauert 7–14 Werktage und kostet 19,99. Einfuhrzölle und Steuern des Ziellandes trägt der Empfänger.

# Sendungsverfolgung
Sobald Ihr Paket unterwegs ist, erhalten Sie eine E-Mail mit dem Versanddienstleister und einem Link zur Sendungsverfolgung. Die Sendungsnummer steht auch auf Ihrer Bestellseite.`,
  },
  {
    key: 'returns-policy', category: 'returns', language: 'en', title: 'Returns and refunds', tags: ['return', 'refund', 'exchange'],
    body: `You can return items within 30 days of delivery (or of collection for pickup orders).

# What can be returned
Items must be unused, in their original packaging, with tags attached. Underwear, earrings and personalised items cannot be returned for hygiene reasons unless they are faulty.

# How to return
Request a return from your order page (or with your order number and email if you ordered as a guest), choose the items and the reason. We confirm within one working day and send the return instructions. You can also bring the items to any of our stores.

# Refunds
Once we receive and check the items, we refund the original payment method within 5 working days; your bank may take a few more days to show it. You can choose store credit instead, which is available immediately. Original shipping costs are refunded only when the item was faulty or we sent the wrong one.

# Exchanges
Want another size or colour? Ask for an exchange when you request the return; we send the new item as soon as the return is authorised, if it is in stock.`,
  },
  {
    key: 'returns-policy', category: 'returns', language: 'fr', title: 'Retours et remboursements', tags: ['retour', 'remboursement', 'échange'],
    body: `Vous pouvez retourner un article dans les 30 jours suivant la livraison (ou le retrait en magasin).

# Articles acceptés
Les articles doivent être neufs, dans leur emballage d'origine, avec leurs étiquettes. Les sous-vêtements, boucles d'oreilles et articles personnalisés ne sont pas repris pour des raisons d'hygiène, sauf s'ils sont défectueux.

# Comment retourner
Demandez un retour depuis la page de votre commande (ou avec le numéro de commande et votre e-mail si vous avez commandé sans compte), choisissez les articles et le motif. Nous confirmons sous un jour ouvré et vous envoyons les instructions. Vous pouvez aussi rapporter les articles en magasin.

# Remboursements
Après réception et contrôle des articles, nous remboursons le moyen de paiement d'origine sous 5 jours ouvrés. Vous pouvez aussi choisir un avoir, disponible immédiatement. Les frais de livraison ne sont remboursés que si l'article était défectueux ou erroné.`,
  },
  {
    key: 'returns-policy', category: 'returns', language: 'de', title: 'Rücksendungen und Erstattungen', tags: ['rücksendung', 'erstattung', 'umtausch'],
    body: `Sie können Artikel innerhalb von 30 Tagen nach der Lieferung (oder Abholung) zurückgeben.

# Was zurückgegeben werden kann
Artikel müssen ungetragen sein, in der Originalverpackung und mit Etiketten. Unterwäsche, Ohrringe und personalisierte Artikel sind aus hygienischen Gründen ausgeschlossen, außer sie sind defekt.

# So geht die Rücksendung
Beantragen Sie die Rücksendung auf Ihrer Bestellseite (oder mit Bestellnummer und E-Mail-Adresse, wenn Sie als Gast bestellt haben). Wir bestätigen innerhalb eines Werktags.

# Erstattung
Nach Eingang und Prüfung erstatten wir den Betrag innerhalb von 5 Werktagen auf das ursprüngliche Zahlungsmittel. Alternativ erhalten Sie sofort ein Guthaben.`,
  },
  {
    key: 'payments', category: 'payments', language: 'en', title: 'Payments, charges and invoices', tags: ['payment', 'card', 'invoice', 'charge'],
    body: `We accept Visa, Mastercard, American Express and store gift cards or credit. Your card is charged when you place the order.

# A charge you do not recognise
The charge appears under our store name. If you see two charges for one order, one of them is usually a pending authorisation that your bank releases within 3–7 days. If it is still there after a week, contact us with your order number and we will check it.

# Payment declined
If your payment is declined, check the card details and billing address, or try another card. We never store your full card number.

# Invoices
An invoice for every order is attached to the order confirmation email and can be downloaded from your order page. Tell us if you need a company name or VAT number on it.`,
  },
  {
    key: 'payments', category: 'payments', language: 'fr', title: 'Paiements, débits et factures', tags: ['paiement', 'carte', 'facture'],
    body: `Nous acceptons Visa, Mastercard, American Express ainsi que les cartes cadeaux et avoirs du magasin. Votre carte est débitée lors de la commande.

# Un débit que vous ne reconnaissez pas
Le débit apparaît sous le nom du magasin. Si vous voyez deux débits pour une commande, l'un est en général une autorisation en attente que votre banque libère sous 3 à 7 jours. S'il est toujours là après une semaine, contactez-nous avec votre numéro de commande.

# Factures
La facture de chaque commande est jointe à l'e-mail de confirmation et téléchargeable depuis la page de la commande.`,
  },
  {
    key: 'payments', category: 'payments', language: 'de', title: 'Zahlung, Abbuchungen und Rechnungen', tags: ['zahlung', 'karte', 'rechnung'],
    body: `Wir akzeptieren Visa, Mastercard, American Express sowie Geschenkkarten und Guthaben des Shops. Ihre Karte wird bei der Bestellung belastet.

# Doppelte Abbuchung
Sehen Sie zwei Abbuchungen für eine Bestellung, ist eine davon meist eine vorläufige Autorisierung, die Ihre Bank innerhalb von 3–7 Tagen freigibt.

# Rechnungen
Die Rechnung jeder Bestellung hängt an der Bestellbestätigung und steht auf Ihrer Bestellseite zum Download bereit.`,
  },
  {
    key: 'warranty', category: 'warranty', language: 'en', title: 'Warranty and faulty items', tags: ['warranty', 'faulty', 'damaged', 'broken'],
    body: `Every product comes with a 2-year warranty against manufacturing defects from the date of delivery.

# Arrived damaged or wrong
If an item arrives damaged or is not what you ordered, tell us within 14 days with your order number and a photo. We send a replacement or refund you in full, including shipping, and you do not pay for the return.

# A fault within the warranty
Contact us with your order number, a description and a photo or video of the fault. We repair, replace or refund the item. Normal wear and tear, accidents and misuse are not covered.`,
  },
  {
    key: 'warranty', category: 'warranty', language: 'fr', title: 'Garantie et articles défectueux', tags: ['garantie', 'défectueux', 'endommagé'],
    body: `Chaque produit bénéficie d'une garantie de 2 ans contre les défauts de fabrication à compter de la livraison.

# Article arrivé endommagé ou erroné
Prévenez-nous sous 14 jours avec votre numéro de commande et une photo. Nous envoyons un remplacement ou vous remboursons intégralement, frais de port compris.

# Panne pendant la garantie
Contactez-nous avec votre numéro de commande, une description et une photo du défaut. Nous réparons, remplaçons ou remboursons l'article. L'usure normale et les accidents ne sont pas couverts.`,
  },
  {
    key: 'sizing', category: 'sizing', language: 'en', title: 'Size guide and fit', tags: ['size', 'fit', 'measurements'],
    body: `Our clothing follows standard US sizes (XS to XXL). Each product page shows its measurements in the size chart.

# Finding your size
Measure your chest at the fullest point and your waist at the narrowest point, then compare with the chart. Between two sizes? Take the larger one for a relaxed fit.

# Shoes
Shoes are listed in EU sizes with the US equivalent beside each. If your foot is wide, go half a size up.

# Wrong size?
Exchanges for another size are free within 30 days: request a return and choose "exchange".`,
  },
  {
    key: 'sizing', category: 'sizing', language: 'fr', title: 'Guide des tailles', tags: ['taille', 'mesures'],
    body: `Nos vêtements suivent les tailles américaines standard (XS à XXL). Chaque fiche produit indique ses mesures.

# Trouver votre taille
Mesurez votre tour de poitrine et votre tour de taille, puis comparez au tableau. Entre deux tailles, prenez la plus grande.

# Mauvaise taille ?
L'échange contre une autre taille est gratuit sous 30 jours : demandez un retour et choisissez « échange ».`,
  },
  {
    key: 'privacy', category: 'privacy', language: 'en', title: 'Privacy and your data', tags: ['privacy', 'data', 'gdpr', 'account'],
    body: `We use your personal data only to process your orders, answer your questions and, if you agreed, send you offers.

# What we keep
Your name, contact details, addresses, orders and conversations with our support team. We never store full card numbers.

# Your rights
You can ask for a copy of your data, have it corrected, or have your account deleted by contacting us from the email address on your account. We answer within 30 days. You can unsubscribe from marketing emails at any time with the link at the bottom of each email.

# Who we share it with
Only with the services needed to deliver your order (payment provider, carriers). We never sell your data.`,
  },
  {
    key: 'privacy', category: 'privacy', language: 'fr', title: 'Confidentialité et données personnelles', tags: ['confidentialité', 'données', 'rgpd'],
    body: `Nous utilisons vos données uniquement pour traiter vos commandes, répondre à vos questions et, si vous l'avez accepté, vous envoyer nos offres.

# Vos droits
Vous pouvez demander une copie de vos données, leur correction ou la suppression de votre compte en nous écrivant depuis l'adresse e-mail de votre compte. Nous répondons sous 30 jours. Vous pouvez vous désabonner des e-mails marketing à tout moment.

# Partage
Uniquement avec les services nécessaires à la livraison (paiement, transporteurs). Nous ne vendons jamais vos données.`,
  },
];
